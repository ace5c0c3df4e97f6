namespace AqTrading.Strategies.Engine.Indicators;

/// <summary>
/// Statistics for indicator math, in <c>double</c>: standard deviations need a square root (decimal has none, and
/// Newton iterations in decimal cost ~100× more per bar), indicator values are dimensionless ratios where 15–16
/// significant digits are far beyond the data's precision, and the same binary gives bit-identical results on the
/// live and backtest paths. Prices and quantities that become orders stay decimal.
/// </summary>
public static class Stats
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Population standard deviation (divides by n, as the reference's indicators and normalizer do).</summary>
    public static double PopulationStdDev(ReadOnlySpan<double> values)
    {
        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / values.Length);
    }
}
