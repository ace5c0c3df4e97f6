namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>Call or put.</summary>
public enum OptionRight
{
    Call = 0,
    Put = 1,
}

/// <summary>The pricing model of a calculation.</summary>
public enum PricingModel
{
    /// <summary>European option on a stock or index with a continuous dividend yield (Merton 1973).</summary>
    BlackScholesMerton = 0,

    /// <summary>European option on a futures contract (Black 1976): <see cref="OptionInputs.Spot"/> is the forward.</summary>
    Black76 = 1,

    /// <summary>American option on a stock or index with a continuous dividend yield (Leisen-Reimer binomial tree).</summary>
    American = 2,
}
