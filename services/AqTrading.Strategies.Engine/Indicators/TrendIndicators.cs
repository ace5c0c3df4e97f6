namespace AqTrading.Strategies.Engine.Indicators;

/// <summary>
/// The TrendBreakout indicators over a window of the last <c>lookback + 1</c> bars (oldest first, the current bar last).
/// Each returns null on insufficient data or a division by zero. None reads beyond the current bar, and the breakout
/// ones compare the current bar against the <em>previous</em> bars only.
/// </summary>
public static class TrendIndicators
{
    /// <summary>Rate of change: (p_t − p_{t−n}) / p_{t−n}.</summary>
    public static double? RateOfChange(IReadOnlyList<double> closes, int lookback)
    {
        if (closes.Count < lookback + 1)
        {
            return null;
        }

        var past = closes[^(lookback + 1)];
        return past == 0 ? null : (closes[^1] - past) / past;
    }

    /// <summary>(p − SMA_n) / SMA_n, the SMA including the current price.</summary>
    public static double? PriceVsMovingAverage(IReadOnlyList<double> closes, int lookback)
    {
        if (closes.Count < lookback)
        {
            return null;
        }

        var sum = 0.0;
        for (var i = closes.Count - lookback; i < closes.Count; i++)
        {
            sum += closes[i];
        }

        var sma = sum / lookback;
        return sma == 0 ? null : (closes[^1] - sma) / sma;
    }

    /// <summary>(p − max of the previous n highs) / that max; the current bar's high is excluded (no look-ahead).</summary>
    public static double? PriceVsHigh(IReadOnlyList<double> closes, IReadOnlyList<double> highs, int lookback)
    {
        if (closes.Count < lookback + 1 || highs.Count < lookback + 1)
        {
            return null;
        }

        var max = double.MinValue;
        for (var i = highs.Count - lookback - 1; i < highs.Count - 1; i++)
        {
            max = Math.Max(max, highs[i]);
        }

        return max == 0 ? null : (closes[^1] - max) / max;
    }

    /// <summary>(v − mean of the previous n volumes) / their population std; null when that std is 0.</summary>
    public static double? VolumeZScore(IReadOnlyList<double> volumes, int lookback)
    {
        if (volumes.Count < lookback + 1)
        {
            return null;
        }

        var past = new double[lookback];
        for (var i = 0; i < lookback; i++)
        {
            past[i] = volumes[volumes.Count - lookback - 1 + i];
        }

        var std = Stats.PopulationStdDev(past);
        return std == 0 ? null : (volumes[^1] - Stats.Mean(past)) / std;
    }

    /// <summary>Population std of the last n simple returns (needs n + 1 closes).</summary>
    public static double? Volatility(IReadOnlyList<double> closes, int lookback)
    {
        if (closes.Count < lookback + 1)
        {
            return null;
        }

        var returns = new double[lookback];
        for (var i = 0; i < lookback; i++)
        {
            var previous = closes[closes.Count - lookback - 1 + i];
            if (previous == 0)
            {
                return null;
            }

            returns[i] = (closes[closes.Count - lookback + i] - previous) / previous;
        }

        return Stats.PopulationStdDev(returns);
    }
}
