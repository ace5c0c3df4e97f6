namespace AqTrading.Risk.Rules.Greeks;

/// <summary>The four Greek dimensions risk limits, by their stable names (used in limits, breaches and alerts).</summary>
public enum GreekDimension
{
    DollarDelta = 0,
    GammaDollar = 1,
    VegaPer1Pct = 2,
    ThetaPerDay = 3,
}

/// <summary>
/// Dollar Greeks of a position or a book (reference §9.1; quantity is signed, so the sign is the direction):
/// <list type="bullet">
/// <item><see cref="DollarDelta"/> = Δ·q·m·S — dollars gained per dollar the underlying rises, times S: the
/// stock-equivalent exposure.</item>
/// <item><see cref="GammaDollar"/> = Γ·q·m·S² (S², as the reference's code and tests; its docstring's ·S is wrong).</item>
/// <item><see cref="VegaPer1Pct"/> = vega·q·m, vega per one volatility point.</item>
/// <item><see cref="ThetaPerDay"/> = Θ/day·q·m, per calendar day.</item>
/// </list>
/// </summary>
public readonly record struct DollarGreeks(double DollarDelta, double GammaDollar, double VegaPer1Pct, double ThetaPerDay)
{
    public static DollarGreeks Zero => default;

    /// <summary>P&amp;L from gamma for a 1 % move of the underlying: ½·Γ·q·m·(0.01·S)² = GammaDollar · 0.00005.</summary>
    public double GammaPnl1Pct => 0.5 * GammaDollar * 0.0001;

    public double this[GreekDimension dimension] => dimension switch
    {
        GreekDimension.DollarDelta => DollarDelta,
        GreekDimension.GammaDollar => GammaDollar,
        GreekDimension.VegaPer1Pct => VegaPer1Pct,
        GreekDimension.ThetaPerDay => ThetaPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    public static DollarGreeks operator +(DollarGreeks a, DollarGreeks b) =>
        new(a.DollarDelta + b.DollarDelta, a.GammaDollar + b.GammaDollar, a.VegaPer1Pct + b.VegaPer1Pct, a.ThetaPerDay + b.ThetaPerDay);

    /// <summary>The stable snake_case name of a dimension (<c>dollar_delta</c>, …) as in breaches and alerts.</summary>
    public static string Name(GreekDimension dimension) => dimension switch
    {
        GreekDimension.DollarDelta => "dollar_delta",
        GreekDimension.GammaDollar => "gamma_dollar",
        GreekDimension.VegaPer1Pct => "vega_per_1pct",
        GreekDimension.ThetaPerDay => "theta_per_day",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    public static readonly GreekDimension[] Dimensions =
        [GreekDimension.DollarDelta, GreekDimension.GammaDollar, GreekDimension.VegaPer1Pct, GreekDimension.ThetaPerDay];
}
