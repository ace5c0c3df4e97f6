namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>Why an implied volatility was or was not found.</summary>
public enum ImpliedVolatilityStatus
{
    /// <summary>A volatility reproduces the price within the tolerance.</summary>
    Solved = 0,

    /// <summary>
    /// The price is at or below what the option is worth with (almost) no volatility — its intrinsic or discounted
    /// forward value: no volatility produces it.
    /// </summary>
    PriceBelowMinimum = 1,

    /// <summary>The price is above what the option is worth at the highest volatility searched (1,000 %).</summary>
    PriceAboveMaximum = 2,

    /// <summary>The iteration limit was reached (not expected: the bracket halves at worst).</summary>
    NotConverged = 3,

    /// <summary>An input is invalid (<see cref="ImpliedVolatilityResult.InvalidField"/> names it).</summary>
    InvalidInput = 4,
}

/// <summary>The outcome of <see cref="ImpliedVolatility.Solve"/>: <see cref="Volatility"/> is NaN unless solved.</summary>
public readonly record struct ImpliedVolatilityResult(ImpliedVolatilityStatus Status, double Volatility, int Iterations, string? InvalidField = null)
{
    public bool IsSolved => Status == ImpliedVolatilityStatus.Solved;
}

/// <summary>
/// Implied volatility: the σ at which the model's price equals a market price. Newton-Raphson on vega, safeguarded by a
/// bracket that every step narrows: a Newton step that leaves the bracket (or a vanishing vega, deep in or out of the
/// money) is replaced by bisection, so the solver cannot diverge and converges quadratically where Newton works
/// (Press et al., "Numerical Recipes", rtsafe). For the American model the Newton direction uses the closed-form
/// European vega (a quasi-Newton step); the bracket keeps that safe.
/// </summary>
public static class ImpliedVolatility
{
    /// <summary>The highest volatility searched and accepted (1,000 %).</summary>
    public const double MaxVolatility = 10.0;

    private const int MaxIterations = 200;

    /// <summary>
    /// Solves for the volatility of <paramref name="inputs"/> (whose own <see cref="OptionInputs.Volatility"/> is
    /// ignored) that reproduces <paramref name="price"/> under <paramref name="model"/>. Never throws.
    /// </summary>
    public static ImpliedVolatilityResult Solve(PricingModel model, in OptionInputs inputs, double price, int americanSteps = AmericanOption.DefaultSteps)
    {
        var o = inputs with { Volatility = 0.2 };
        if (o.Validate() is { } field)
        {
            return new ImpliedVolatilityResult(ImpliedVolatilityStatus.InvalidInput, double.NaN, 0, field);
        }

        if (!double.IsFinite(price) || price < 0)
        {
            return new ImpliedVolatilityResult(ImpliedVolatilityStatus.InvalidInput, double.NaN, 0, "price");
        }

        if (model is not (PricingModel.BlackScholesMerton or PricingModel.Black76 or PricingModel.American))
        {
            return new ImpliedVolatilityResult(ImpliedVolatilityStatus.InvalidInput, double.NaN, 0, "model");
        }

        if (americanSteps is < 3 or > AmericanOption.MaxSteps)
        {
            return new ImpliedVolatilityResult(ImpliedVolatilityStatus.InvalidInput, double.NaN, 0, "steps");
        }

        if (o.Years <= 0)
        {
            // At expiry the value is intrinsic whatever the volatility.
            return new ImpliedVolatilityResult(ImpliedVolatilityStatus.PriceBelowMinimum, double.NaN, 0);
        }

        var tolerance = Math.Max(1e-12, 1e-10 * price);
        // The least the option can be worth is its value without volatility (the discounted forward intrinsic value;
        // for the American model, at least the exercise value now).
        double lo = 0, hi = MaxVolatility;
        var atLo = PriceAndVega(model, o.WithVolatility(0), americanSteps).Price - price;
        if (atLo >= -tolerance)
        {
            return new ImpliedVolatilityResult(ImpliedVolatilityStatus.PriceBelowMinimum, double.NaN, 1);
        }

        var atHi = PriceAndVega(model, o.WithVolatility(hi), americanSteps).Price - price;
        if (atHi < -tolerance)
        {
            return new ImpliedVolatilityResult(ImpliedVolatilityStatus.PriceAboveMaximum, double.NaN, 2);
        }

        var sigma = Math.Clamp(InitialGuess(o, price), 1e-3, hi / 2);
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var (value, vega) = PriceAndVega(model, o.WithVolatility(sigma), americanSteps);
            var error = value - price;
            if (!double.IsFinite(error))
            {
                return new ImpliedVolatilityResult(ImpliedVolatilityStatus.NotConverged, double.NaN, iteration);
            }

            if (Math.Abs(error) <= tolerance)
            {
                return new ImpliedVolatilityResult(ImpliedVolatilityStatus.Solved, sigma, iteration);
            }

            if (error < 0) lo = sigma; else hi = sigma;

            var next = vega > 1e-300 ? sigma - error / vega : double.NaN;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - sigma) <= 1e-14 * sigma || hi - lo <= 1e-15)
            {
                return new ImpliedVolatilityResult(ImpliedVolatilityStatus.Solved, next, iteration);
            }

            sigma = next;
        }

        return new ImpliedVolatilityResult(ImpliedVolatilityStatus.NotConverged, double.NaN, MaxIterations);
    }

    // Vega per unit of volatility (not per 0.01) for the Newton step.
    private static (double Price, double Vega) PriceAndVega(PricingModel model, in OptionInputs o, int steps)
    {
        switch (model)
        {
            case PricingModel.Black76:
            {
                var g = BlackScholesMerton.Compute(o.Right, o.Spot, o.Strike, o.Years, o.Rate, 0, o.Volatility, black76: true);
                return (g.Price, g.Vega * 100);
            }
            case PricingModel.American:
            {
                var european = BlackScholesMerton.Compute(o.Right, o.Spot, o.Strike, o.Years, o.Rate, o.DividendYield, o.Volatility, black76: false);
                return (AmericanOption.PriceUnchecked(o, steps), european.Vega * 100);
            }
            default:
            {
                var g = BlackScholesMerton.Compute(o.Right, o.Spot, o.Strike, o.Years, o.Rate, o.DividendYield, o.Volatility, black76: false);
                return (g.Price, g.Vega * 100);
            }
        }
    }

    // Brenner-Subrahmanyam near the money (σ ≈ √(2π/T)·V/F), Manaster-Koehler's √(2|ln(F/K)|/T) away from it; the
    // larger is a start from which Newton on the convex side descends monotonically.
    private static double InitialGuess(in OptionInputs o, double price)
    {
        var forward = o.Spot * Math.Exp((o.Rate - o.DividendYield) * o.Years);
        var nearMoney = Math.Sqrt(2 * Math.PI / o.Years) * price / o.Spot;
        var away = Math.Sqrt(2 * Math.Abs(Math.Log(forward / o.Strike)) / o.Years);
        var guess = Math.Max(nearMoney, away);
        return double.IsFinite(guess) && guess > 0 ? guess : 0.3;
    }
}
