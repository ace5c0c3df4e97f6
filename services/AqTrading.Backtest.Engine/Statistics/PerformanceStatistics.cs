namespace AqTrading.Backtest.Engine;

/// <summary>The performance statistics of a run (see docs/backtest-metrics.md). Fractions, not percentages.</summary>
/// <param name="Periods">Daily equity points the statistics were computed on.</param>
/// <param name="MaxDrawdownDuration">Periods (trading days) from the peak of the longest drawdown to its recovery, or to the end if unrecovered.</param>
/// <param name="ProfitFactor">Null when there are no losing trades (the ratio is unbounded).</param>
public sealed record PerformanceReport(
    int Periods,
    double TotalReturn,
    double Cagr,
    double AnnualVolatility,
    double Sharpe,
    double Sortino,
    double MaxDrawdown,
    int MaxDrawdownDuration,
    double Calmar,
    int Trades,
    double WinRate,
    double? ProfitFactor,
    double Expectancy,
    double AverageWin,
    double AverageLoss,
    double Turnover,
    double Exposure,
    double TimeInMarket,
    double ValueAtRisk95,
    double ValueAtRisk99);

/// <summary>
/// Performance statistics over an equity curve sampled once per trading day, and over closed round trips.
/// Conventions, fixed here for every caller: returns are simple daily returns r_t = E_t / E_{t−1} − 1; annualisation uses
/// 252 trading days (√252 for deviations); standard deviations are <b>sample</b> deviations (n − 1) except the Sortino
/// downside deviation, which is the root mean square of the negative returns over <b>all</b> n returns (target 0, as in
/// Sortino &amp; Price 1994); the risk-free rate is 0. A statistic that is undefined (too few points, a zero
/// denominator) is 0, never NaN or infinity, so results always serialise.
/// </summary>
public static class PerformanceStatistics
{
    public const int TradingDaysPerYear = 252;

    /// <summary>Deviations below this are treated as zero: a constant return series must not yield a Sharpe of 10¹⁵ from rounding noise.</summary>
    private const double Tiny = 1e-12;

    /// <summary>r_t = E_t / E_{t−1} − 1 for t = 1…N−1 (N − 1 returns).</summary>
    public static double[] Returns(ReadOnlySpan<double> equity)
    {
        if (equity.Length < 2)
        {
            return [];
        }

        var returns = new double[equity.Length - 1];
        for (var i = 1; i < equity.Length; i++)
        {
            returns[i - 1] = equity[i - 1] == 0 ? 0 : equity[i] / equity[i - 1] - 1;
        }

        return returns;
    }

    /// <summary>E_N / E_0 − 1.</summary>
    public static double TotalReturn(ReadOnlySpan<double> equity) =>
        equity.Length < 2 || equity[0] == 0 ? 0 : equity[^1] / equity[0] - 1;

    /// <summary>(E_N / E_0)^(252 / (N − 1)) − 1 with N equity points (N − 1 daily periods); 0 when N ≤ 1, −1 when the equity is gone.</summary>
    public static double Cagr(ReadOnlySpan<double> equity)
    {
        if (equity.Length < 2 || equity[0] <= 0)
        {
            return 0;
        }

        var growth = equity[^1] / equity[0];
        return growth <= 0 ? -1 : Math.Pow(growth, (double)TradingDaysPerYear / (equity.Length - 1)) - 1;
    }

    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Sample standard deviation √(Σ(x − x̄)² / (n − 1)); 0 when n &lt; 2.</summary>
    public static double SampleStdDev(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Length - 1));
    }

    /// <summary>Sample standard deviation of daily returns × √252.</summary>
    public static double AnnualVolatility(ReadOnlySpan<double> returns) => SampleStdDev(returns) * Math.Sqrt(TradingDaysPerYear);

    /// <summary>mean(r) / sample std(r) × √252 (risk-free 0); 0 with fewer than 2 returns or no variation (a flat curve).</summary>
    public static double Sharpe(ReadOnlySpan<double> returns)
    {
        var std = SampleStdDev(returns);
        return returns.Length < 2 || std < Tiny ? 0 : Mean(returns) / std * Math.Sqrt(TradingDaysPerYear);
    }

    /// <summary>mean(r) / √(Σ min(r, 0)² / n) × √252; 0 when no return is negative.</summary>
    public static double Sortino(ReadOnlySpan<double> returns)
    {
        var sum = 0.0;
        foreach (var r in returns)
        {
            if (r < 0)
            {
                sum += r * r;
            }
        }

        var downside = returns.IsEmpty ? 0 : Math.Sqrt(sum / returns.Length);
        return downside < Tiny ? 0 : Mean(returns) / downside * Math.Sqrt(TradingDaysPerYear);
    }

    /// <summary>
    /// The largest fall from a running peak, (peak − E)/peak, and the longest drawdown's duration in periods: from the peak
    /// to the first point back at or above it, or to the last point when it never recovers.
    /// </summary>
    public static (double Depth, int Duration) MaxDrawdown(ReadOnlySpan<double> equity)
    {
        var depth = 0.0;
        var duration = 0;
        if (equity.IsEmpty)
        {
            return (0, 0);
        }

        var peak = equity[0];
        var peakIndex = 0;
        for (var i = 1; i < equity.Length; i++)
        {
            if (equity[i] >= peak)
            {
                if (equity[i - 1] < peak)
                {
                    duration = Math.Max(duration, i - peakIndex); // recovered: peak to recovery
                }

                peak = equity[i];
                peakIndex = i;
                continue;
            }

            if (peak > 0)
            {
                depth = Math.Max(depth, (peak - equity[i]) / peak);
            }

            duration = Math.Max(duration, i - peakIndex); // still under water: peak to here
        }

        return (depth, duration);
    }

    /// <summary>CAGR / max drawdown; 0 when there was no drawdown.</summary>
    public static double Calmar(double cagr, double maxDrawdown) => maxDrawdown < Tiny ? 0 : cagr / maxDrawdown;

    /// <summary>Historical VaR: the loss at the (1 − confidence) quantile of the returns, as a positive fraction (0 when that
    /// quantile is a gain). The quantile is the k-th smallest return with k = ⌈(1 − confidence)·n⌉ (at least 1), i.e. the
    /// smallest return with at least (1 − confidence) of the returns at or below it; no interpolation.</summary>
    public static double ValueAtRisk(ReadOnlySpan<double> returns, double confidence)
    {
        if (returns.IsEmpty)
        {
            return 0;
        }

        var sorted = returns.ToArray();
        Array.Sort(sorted);
        var k = Math.Max(1, (int)Math.Ceiling(Math.Round((1 - confidence) * sorted.Length, 9)));
        return Math.Max(0, -sorted[Math.Min(k, sorted.Length) - 1]);
    }

    /// <summary>Closed round trips' P&amp;L: win rate (P&amp;L &gt; 0 over all trades), profit factor (Σ wins / |Σ losses|, null without
    /// losses), expectancy (mean P&amp;L), average win and average loss (a negative number).</summary>
    public static (double WinRate, double? ProfitFactor, double Expectancy, double AverageWin, double AverageLoss) TradeStatistics(ReadOnlySpan<double> pnls)
    {
        if (pnls.IsEmpty)
        {
            return (0, null, 0, 0, 0);
        }

        double wins = 0, losses = 0;
        int winCount = 0, lossCount = 0;
        foreach (var p in pnls)
        {
            if (p > 0)
            {
                wins += p;
                winCount++;
            }
            else if (p < 0)
            {
                losses += p;
                lossCount++;
            }
        }

        return ((double)winCount / pnls.Length,
            lossCount == 0 ? null : wins / -losses,
            Mean(pnls),
            winCount == 0 ? 0 : wins / winCount,
            lossCount == 0 ? 0 : losses / lossCount);
    }

    /// <summary>Annualised one-way turnover: (Σ |traded notional| / 2) / mean(E) × 252 / (N − 1). Buying and later selling a
    /// whole portfolio once in a year is a turnover of 1.</summary>
    public static double Turnover(double tradedNotional, ReadOnlySpan<double> equity)
    {
        var mean = Mean(equity);
        return equity.Length < 2 || mean <= 0 ? 0 : tradedNotional / 2 / mean * TradingDaysPerYear / (equity.Length - 1);
    }

    /// <summary>Mean of gross exposure / equity over the points (average fraction of equity at risk), and the fraction of
    /// points with any position (time in market).</summary>
    public static (double Exposure, double TimeInMarket) Exposure(ReadOnlySpan<double> grossExposure, ReadOnlySpan<double> equity)
    {
        if (equity.IsEmpty)
        {
            return (0, 0);
        }

        double sum = 0;
        var invested = 0;
        for (var i = 0; i < equity.Length; i++)
        {
            sum += equity[i] > 0 ? grossExposure[i] / equity[i] : 0;
            invested += grossExposure[i] > 0 ? 1 : 0;
        }

        return (sum / equity.Length, (double)invested / equity.Length);
    }

    /// <summary>Every statistic of a daily curve. <paramref name="tradePnls"/>: closed round trips only.</summary>
    public static PerformanceReport Compute(ReadOnlySpan<double> equity, ReadOnlySpan<double> grossExposure, ReadOnlySpan<double> tradePnls, double tradedNotional)
    {
        var returns = Returns(equity);
        var cagr = Cagr(equity);
        var (depth, duration) = MaxDrawdown(equity);
        var trades = TradeStatistics(tradePnls);
        var (exposure, timeInMarket) = Exposure(grossExposure, equity);
        return new PerformanceReport(
            equity.Length, TotalReturn(equity), cagr, AnnualVolatility(returns), Sharpe(returns), Sortino(returns), depth, duration,
            Calmar(cagr, depth), tradePnls.Length, trades.WinRate, trades.ProfitFactor, trades.Expectancy, trades.AverageWin,
            trades.AverageLoss, Turnover(tradedNotional, equity), exposure, timeInMarket, ValueAtRisk(returns, 0.95), ValueAtRisk(returns, 0.99));
    }
}
