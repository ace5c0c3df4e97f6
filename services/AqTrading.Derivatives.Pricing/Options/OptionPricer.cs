namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>One entry point for every model: what the calculator and the risk service's position Greeks call.</summary>
public static class OptionPricer
{
    /// <summary>Price and Greeks of one option under <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input or the model is invalid.</exception>
    public static OptionGreeks Greeks(PricingModel model, in OptionInputs inputs, int americanSteps = AmericanOption.DefaultSteps) => model switch
    {
        PricingModel.BlackScholesMerton => BlackScholesMerton.Greeks(inputs),
        PricingModel.Black76 => Black76.Greeks(inputs),
        PricingModel.American => AmericanOption.Greeks(inputs, americanSteps),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown pricing model."),
    };

    /// <summary>The price alone.</summary>
    public static double Price(PricingModel model, in OptionInputs inputs, int americanSteps = AmericanOption.DefaultSteps) => model switch
    {
        PricingModel.BlackScholesMerton => BlackScholesMerton.Greeks(inputs).Price,
        PricingModel.Black76 => Black76.Greeks(inputs).Price,
        PricingModel.American => AmericanOption.Price(inputs, americanSteps),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown pricing model."),
    };

    /// <summary>
    /// The batch form for a portfolio: allocation-free; invalid options get <see cref="OptionGreeks.NaN"/> rather than
    /// an exception. The European models are vectorised.
    /// </summary>
    public static void Greeks(PricingModel model, ReadOnlySpan<OptionInputs> inputs, Span<OptionGreeks> results, int americanSteps = AmericanOption.DefaultSteps)
    {
        switch (model)
        {
            case PricingModel.BlackScholesMerton: BlackScholesMerton.Greeks(inputs, results); break;
            case PricingModel.Black76: Black76.Greeks(inputs, results); break;
            case PricingModel.American: AmericanOption.Greeks(inputs, results, americanSteps); break;
            default: throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown pricing model.");
        }
    }
}
