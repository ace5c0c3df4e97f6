namespace AqTrading.Backtest.Engine;

public readonly record struct BenchmarkPoint(DateTimeOffset Time, double Value);

/// <summary>The strategy against buy-and-hold of <paramref name="Symbol"/> over the same daily points.</summary>
/// <param name="Curve">Buy-and-hold of the initial capital: close / first close × initial capital.</param>
public sealed record BenchmarkReport(
    string Symbol,
    int AlignedPoints,
    double TotalReturn,
    double Alpha,
    double Beta,
    double InformationRatio,
    double TrackingError,
    double Treynor,
    double UpCapture,
    double DownCapture,
    IReadOnlyList<BenchmarkPoint> Curve);

/// <summary>
/// Relative statistics of strategy daily returns r against benchmark daily returns b on the same days (simple returns,
/// 252 days a year, sample variances and covariances, risk-free 0):
/// β = cov(r, b) / var(b) (0 when var(b) = 0); α = (mean r − β·mean b) × 252 (the OLS intercept, annualised);
/// tracking error = sample std(r − b) × √252; information ratio = mean(r − b) × 252 / tracking error (active return over
/// active risk — the original reported α / std(residuals), the appraisal ratio, under this name);
/// Treynor = mean(r) × 252 / β; up capture = mean(r | b &gt; 0) / mean(b | b &gt; 0), down capture likewise over b &lt; 0.
/// Each is 0 when undefined. A strategy equal to the benchmark has β = 1, α = 0, tracking error 0, captures 1.
/// </summary>
public static class BenchmarkStatistics
{
    private const double Tiny = 1e-12;
    private const int Year = PerformanceStatistics.TradingDaysPerYear;

    /// <summary>Sample covariance Σ(x − x̄)(y − ȳ) / (n − 1); 0 when n &lt; 2.</summary>
    public static double SampleCovariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length < 2)
        {
            return 0;
        }

        double mx = PerformanceStatistics.Mean(x), my = PerformanceStatistics.Mean(y), sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (x[i] - mx) * (y[i] - my);
        }

        return sum / (x.Length - 1);
    }

    public static double Beta(ReadOnlySpan<double> strategy, ReadOnlySpan<double> benchmark)
    {
        var variance = SampleCovariance(benchmark, benchmark);
        return variance < Tiny * Tiny ? 0 : SampleCovariance(strategy, benchmark) / variance;
    }

    public static double Alpha(ReadOnlySpan<double> strategy, ReadOnlySpan<double> benchmark) =>
        (PerformanceStatistics.Mean(strategy) - Beta(strategy, benchmark) * PerformanceStatistics.Mean(benchmark)) * Year;

    public static double TrackingError(ReadOnlySpan<double> strategy, ReadOnlySpan<double> benchmark) =>
        PerformanceStatistics.SampleStdDev(Active(strategy, benchmark)) * Math.Sqrt(Year);

    public static double InformationRatio(ReadOnlySpan<double> strategy, ReadOnlySpan<double> benchmark)
    {
        var active = Active(strategy, benchmark);
        var te = PerformanceStatistics.SampleStdDev(active) * Math.Sqrt(Year);
        return te < Tiny ? 0 : PerformanceStatistics.Mean(active) * Year / te;
    }

    public static double Treynor(ReadOnlySpan<double> strategy, ReadOnlySpan<double> benchmark)
    {
        var beta = Beta(strategy, benchmark);
        return Math.Abs(beta) < Tiny ? 0 : PerformanceStatistics.Mean(strategy) * Year / beta;
    }

    /// <summary>mean(r on days b &gt; 0) / mean(b on those days) when <paramref name="up"/>, else over days b &lt; 0.</summary>
    public static double Capture(ReadOnlySpan<double> strategy, ReadOnlySpan<double> benchmark, bool up)
    {
        double s = 0, b = 0;
        var n = 0;
        for (var i = 0; i < benchmark.Length; i++)
        {
            if (up ? benchmark[i] > 0 : benchmark[i] < 0)
            {
                s += strategy[i];
                b += benchmark[i];
                n++;
            }
        }

        return n == 0 || Math.Abs(b) < Tiny ? 0 : s / b;
    }

    /// <summary>Null when fewer than two points align.</summary>
    public static BenchmarkReport? Compute(string symbol, ReadOnlySpan<double> strategyEquity, IReadOnlyList<BenchmarkPoint> benchmarkCurve)
    {
        if (benchmarkCurve.Count < 2 || strategyEquity.Length != benchmarkCurve.Count)
        {
            return null;
        }

        var values = new double[benchmarkCurve.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = benchmarkCurve[i].Value;
        }

        var r = PerformanceStatistics.Returns(strategyEquity);
        var b = PerformanceStatistics.Returns(values);
        return new BenchmarkReport(symbol, values.Length, PerformanceStatistics.TotalReturn(values), Alpha(r, b), Beta(r, b),
            InformationRatio(r, b), TrackingError(r, b), Treynor(r, b), Capture(r, b, up: true), Capture(r, b, up: false), benchmarkCurve);
    }

    private static double[] Active(ReadOnlySpan<double> strategy, ReadOnlySpan<double> benchmark)
    {
        var active = new double[strategy.Length];
        for (var i = 0; i < active.Length; i++)
        {
            active[i] = strategy[i] - benchmark[i];
        }

        return active;
    }
}
