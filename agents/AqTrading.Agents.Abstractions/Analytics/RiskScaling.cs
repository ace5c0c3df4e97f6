namespace AqTrading.Agents.Abstractions.Analytics;

/// <summary>
/// The risk controller's scaling tables (reference §15, <c>agents/tools/volatility.py</c>): a factor for the volatility
/// regime, one for the drawdown, the bias is the smaller of the two, never below <see cref="MinimumBias"/>.
/// </summary>
public static class RiskScaling
{
    /// <summary>The seed's floor: the bias never goes below 0.1 (its emergency level is 0.1 as well).</summary>
    public const double MinimumBias = 0.1;

    /// <summary>low 1.0, normal 0.8, elevated 0.5, high 0.25, extreme 0.1; an unknown regime changes nothing (1.0).</summary>
    public static double ForRegime(VolatilityRegime regime) => regime switch
    {
        VolatilityRegime.Low => 1.0,
        VolatilityRegime.Normal => 0.8,
        VolatilityRegime.Elevated => 0.5,
        VolatilityRegime.High => 0.25,
        VolatilityRegime.Extreme => 0.1,
        _ => 1.0,
    };

    /// <summary>Drawdown from peak equity (a fraction, 0.07 = 7 %): ≥20 % 0.25, ≥15 % 0.5, ≥10 % 0.7, ≥5 % 0.9, else 1.0.</summary>
    public static double ForDrawdown(double drawdown) => drawdown switch
    {
        >= 0.20 => 0.25,
        >= 0.15 => 0.5,
        >= 0.10 => 0.7,
        >= 0.05 => 0.9,
        _ => 1.0,
    };

    public static double Combined(double drawdown, VolatilityRegime regime) =>
        Math.Max(MinimumBias, Math.Min(ForDrawdown(drawdown), ForRegime(regime)));

    /// <summary>≥0.8 low, ≥0.5 medium, ≥0.25 high, else critical.</summary>
    public static string RiskLevel(double bias) => bias switch
    {
        >= 0.8 => "low",
        >= 0.5 => "medium",
        >= 0.25 => "high",
        _ => "critical",
    };

    /// <summary>(peak − equity) / peak, 0 when the peak is not positive or equity is above it.</summary>
    public static double Drawdown(double equity, double peakEquity) =>
        peakEquity > 0 ? Math.Max(0, (peakEquity - equity) / peakEquity) : 0;
}
