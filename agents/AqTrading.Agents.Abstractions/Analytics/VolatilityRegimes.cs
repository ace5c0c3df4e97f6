namespace AqTrading.Agents.Abstractions.Analytics;

/// <summary>Volatility regimes of the seed (<c>agents/tools/volatility.py</c>), on a VIX-like scale (annualised %).</summary>
public enum VolatilityRegime { Unknown, Low, Normal, Elevated, High, Extreme }

public static class VolatilityRegimes
{
    /// <summary>Fewer bars than this give no regime (<see cref="VolatilityRegime.Unknown"/>).</summary>
    public const int MinimumBars = 5;

    public static string Name(this VolatilityRegime regime) => regime.ToString().ToLowerInvariant();

    /// <summary>The seed's VIX thresholds: &lt;15 low, &lt;20 normal, &lt;30 elevated, &lt;40 high, else extreme.</summary>
    public static VolatilityRegime Classify(double annualisedVolatilityPct) => annualisedVolatilityPct switch
    {
        double.NaN => VolatilityRegime.Unknown,
        < 15 => VolatilityRegime.Low,
        < 20 => VolatilityRegime.Normal,
        < 30 => VolatilityRegime.Elevated,
        < 40 => VolatilityRegime.High,
        _ => VolatilityRegime.Extreme,
    };

    /// <summary>
    /// Annualised realised volatility in percent: the sample standard deviation (n − 1) of log returns of the closes,
    /// times √(periods per year) — 252 for daily bars, 252 × 390 for minute bars (a regular US session). The same
    /// scale as the VIX, so the seed's thresholds apply. NaN with fewer than <see cref="MinimumBars"/> closes.
    /// </summary>
    public static double RealisedVolatilityPct(IReadOnlyList<double> closes, double periodsPerYear)
    {
        if (closes.Count < MinimumBars)
        {
            return double.NaN;
        }

        var returns = new double[closes.Count - 1];
        for (var i = 1; i < closes.Count; i++)
        {
            if (closes[i] <= 0 || closes[i - 1] <= 0)
            {
                return double.NaN;
            }

            returns[i - 1] = Math.Log(closes[i] / closes[i - 1]);
        }

        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1);
        return Math.Sqrt(variance) * Math.Sqrt(periodsPerYear) * 100;
    }

    public static double PeriodsPerYear(string resolution) => resolution == "1m" ? 252.0 * 390 : 252.0;
}
