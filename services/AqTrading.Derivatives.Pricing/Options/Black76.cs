namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>
/// European options on futures (Black 1976; Hull ch. 18): with F the futures price,
/// call = e^{−rT}[F N(d1) − K N(d2)], put = e^{−rT}[K N(−d2) − F N(−d1)], d1 = (ln(F/K) + σ²T/2)/(σ√T).
/// <see cref="OptionInputs.Spot"/> is F and <see cref="OptionInputs.DividendYield"/> is ignored. Delta and gamma are
/// with respect to F; rho holds F fixed and moves the discount factor only (−T·V per unit of rate).
/// </summary>
public static class Black76
{
    /// <summary>The price alone.</summary>
    public static double Price(in OptionInputs inputs) => Greeks(inputs).Price;

    /// <summary>Price and every Greek of one option on a future.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is invalid.</exception>
    public static OptionGreeks Greeks(in OptionInputs inputs)
    {
        BlackScholesMerton.ThrowIfInvalid(inputs);
        return BlackScholesMerton.Compute(inputs.Right, inputs.Spot, inputs.Strike, inputs.Years, inputs.Rate, 0, inputs.Volatility, black76: true);
    }

    /// <summary>The batch form (allocation-free, vectorised, NaN for invalid inputs), as <see cref="BlackScholesMerton"/>.</summary>
    public static void Greeks(ReadOnlySpan<OptionInputs> inputs, Span<OptionGreeks> results) =>
        BlackScholesMerton.Batch(inputs, results, black76: true);
}
