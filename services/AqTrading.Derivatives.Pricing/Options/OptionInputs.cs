namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>
/// One option to value. Units: <see cref="Years"/> is time to expiry in years (ACT/365 is the caller's choice),
/// <see cref="Rate"/>, <see cref="DividendYield"/> and <see cref="Volatility"/> are annualised and continuously
/// compounded decimals (0.05 = 5 %). For <see cref="PricingModel.Black76"/> <see cref="Spot"/> is the futures price
/// and <see cref="DividendYield"/> is ignored.
/// </summary>
public readonly record struct OptionInputs(
    OptionRight Right,
    double Spot,
    double Strike,
    double Years,
    double Rate,
    double DividendYield,
    double Volatility)
{
    /// <summary>
    /// The name of the first invalid field (<c>spot</c>, <c>strike</c>, <c>years</c>, <c>rate</c>,
    /// <c>dividendYield</c>, <c>volatility</c>, <c>right</c>), or null when the inputs can be valued. Spot and strike
    /// must be positive, years and volatility non-negative (zero values are the option at expiry / without
    /// uncertainty), every number finite and volatility at most 10 (1,000 %).
    /// </summary>
    public string? Validate()
    {
        if (Right is not (OptionRight.Call or OptionRight.Put)) return "right";
        if (!double.IsFinite(Spot) || Spot <= 0) return "spot";
        if (!double.IsFinite(Strike) || Strike <= 0) return "strike";
        if (!double.IsFinite(Years) || Years < 0 || Years > 100) return "years";
        if (!double.IsFinite(Rate) || Math.Abs(Rate) > 1) return "rate";
        if (!double.IsFinite(DividendYield) || Math.Abs(DividendYield) > 1) return "dividendYield";
        if (!double.IsFinite(Volatility) || Volatility < 0 || Volatility > ImpliedVolatility.MaxVolatility) return "volatility";
        return null;
    }

    /// <summary>The same option with another volatility.</summary>
    public OptionInputs WithVolatility(double volatility) => this with { Volatility = volatility };
}
