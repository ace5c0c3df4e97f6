using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.Calculator;

/// <summary>
/// <c>POST /api/derivatives/calculator</c>. <c>model</c>: <c>bsm</c> | <c>black76</c> | <c>american</c>; <c>right</c>:
/// <c>call</c> | <c>put</c>; <c>spot</c> (the futures price for black76), <c>strike</c>, <c>years</c> to expiry, <c>rate</c>
/// and <c>dividendYield</c> as decimals (0.05 = 5 %); either <c>volatility</c> or a market <c>price</c>.
/// </summary>
public sealed record CalculatorRequest(
    string? Model,
    string? Right,
    double? Spot,
    double? Strike,
    double? Years,
    double? Rate,
    double? DividendYield,
    double? Volatility,
    double? Price);

/// <summary>
/// Per unit of underlying. <see cref="Vega"/> per 0.01 of volatility, <see cref="Theta"/> per year,
/// <see cref="ThetaPerDay"/> per calendar day, <see cref="Rho"/> per 0.01 of rate. <see cref="ImpliedVolatility"/> is
/// the volatility the Greeks were computed with: solved from <c>price</c>, or the <c>volatility</c> given.
/// </summary>
public sealed record CalculatorResult(
    double Price,
    double Delta,
    double Gamma,
    double Vega,
    double Theta,
    double ThetaPerDay,
    double Rho,
    double ImpliedVolatility);

public static class OptionCalculator
{
    /// <summary>The result, or the errors keyed by the request's field names.</summary>
    public static (CalculatorResult? Result, Dictionary<string, string[]> Errors) Calculate(CalculatorRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors.TryAdd(field, [message]);

        PricingModel model = default;
        switch (request.Model?.Trim().ToLowerInvariant())
        {
            case "bsm": model = PricingModel.BlackScholesMerton; break;
            case "black76": model = PricingModel.Black76; break;
            case "american": model = PricingModel.American; break;
            default: Error("model", "model must be 'bsm', 'black76' or 'american'."); break;
        }

        OptionRight right = default;
        switch (request.Right?.Trim().ToLowerInvariant())
        {
            case "call": right = OptionRight.Call; break;
            case "put": right = OptionRight.Put; break;
            default: Error("right", "right must be 'call' or 'put'."); break;
        }

        if (request.Spot is null) Error("spot", "spot is required (the futures price for black76).");
        if (request.Strike is null) Error("strike", "strike is required.");
        if (request.Years is null) Error("years", "years (time to expiry in years) is required.");
        if (request.Rate is null) Error("rate", "rate is required (0.05 = 5 %).");
        switch (request.Volatility, request.Price)
        {
            case (null, null): Error("volatility", "Give either volatility or a market price to solve implied volatility from."); break;
            case (not null, not null): Error("price", "Give either volatility or price, not both."); break;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var inputs = new OptionInputs(right, request.Spot!.Value, request.Strike!.Value, request.Years!.Value, request.Rate!.Value,
            request.DividendYield ?? 0, request.Volatility ?? 0.2);
        if (inputs.Validate() is { } field)
        {
            Error(field, Explain(field));
            return (null, errors);
        }

        var volatility = request.Volatility;
        if (request.Price is { } price)
        {
            var solved = ImpliedVolatility.Solve(model, inputs, price);
            switch (solved.Status)
            {
                case ImpliedVolatilityStatus.Solved:
                    volatility = solved.Volatility;
                    break;
                case ImpliedVolatilityStatus.InvalidInput:
                    Error(solved.InvalidField ?? "price", Explain(solved.InvalidField ?? "price"));
                    return (null, errors);
                case ImpliedVolatilityStatus.PriceBelowMinimum:
                    Error("price", "No volatility gives this price: it is at or below what the option is worth with no volatility (its intrinsic or discounted forward value).");
                    return (null, errors);
                case ImpliedVolatilityStatus.PriceAboveMaximum:
                    Error("price", $"No volatility up to {ImpliedVolatility.MaxVolatility:P0} gives this price: it is above what the option can be worth.");
                    return (null, errors);
                default:
                    Error("price", "The implied volatility solver did not converge for this price.");
                    return (null, errors);
            }
        }

        var g = OptionPricer.Greeks(model, inputs.WithVolatility(volatility!.Value));
        return (new CalculatorResult(g.Price, g.Delta, g.Gamma, g.Vega, g.Theta, g.ThetaPerDay, g.Rho, volatility.Value), errors);
    }

    private static string Explain(string field) => field switch
    {
        "spot" => "spot must be a positive number.",
        "strike" => "strike must be a positive number.",
        "years" => "years must be between 0 and 100.",
        "rate" => "rate must be a decimal between -1 and 1 (0.05 = 5 %).",
        "dividendYield" => "dividendYield must be a decimal between -1 and 1.",
        "volatility" => $"volatility must be between 0 and {ImpliedVolatility.MaxVolatility} (a decimal: 0.2 = 20 %).",
        "price" => "price must be a non-negative number.",
        _ => $"{field} is invalid.",
    };
}
