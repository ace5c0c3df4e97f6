using AqTrading.Backtest.Engine;

namespace AqTrading.Backtest.UnitTests;

/// <summary>Every statistic against values worked out by hand from a small curve (the arithmetic is spelled out here,
/// not taken from the engine).</summary>
public sealed class StatisticsTests
{
    // Returns: +10 %, −10 %, +10 %, 0 %.
    private static readonly double[] Curve = [100, 110, 99, 108.9, 108.9];
    private const double Precision = 1e-12;

    [Fact]
    public void Returns_total_return_and_cagr()
    {
        var r = PerformanceStatistics.Returns(Curve);
        Assert.Equal(4, r.Length);
        Assert.Equal(0.1, r[0], Precision);
        Assert.Equal(-0.1, r[1], Precision);
        Assert.Equal(0.1, r[2], Precision);
        Assert.Equal(0.0, r[3], Precision);
        Assert.Equal(0.089, PerformanceStatistics.TotalReturn(Curve), Precision);
        // 5 points = 4 daily periods: (1.089)^(252/4) − 1.
        Assert.Equal(Math.Pow(1.089, 63) - 1, PerformanceStatistics.Cagr(Curve), 1e-9);
        Assert.Equal(0, PerformanceStatistics.Cagr([100]));
    }

    [Fact]
    public void Volatility_sharpe_and_sortino()
    {
        var r = PerformanceStatistics.Returns(Curve);
        // mean 0.025; deviations 0.075, −0.125, 0.075, −0.025; squares sum to 0.0275; sample variance 0.0275 / 3.
        var sampleStd = Math.Sqrt(0.0275 / 3);
        Assert.Equal(sampleStd * Math.Sqrt(252), PerformanceStatistics.AnnualVolatility(r), Precision);
        Assert.Equal(0.025 / sampleStd * Math.Sqrt(252), PerformanceStatistics.Sharpe(r), 1e-9);
        // Downside deviation over all 4 returns: √(0.1² / 4) = 0.05.
        Assert.Equal(0.025 / 0.05 * Math.Sqrt(252), PerformanceStatistics.Sortino(r), 1e-9);
    }

    [Fact]
    public void A_flat_curve_has_zero_sharpe_sortino_and_drawdown()
    {
        double[] flat = [100, 100, 100, 100];
        var r = PerformanceStatistics.Returns(flat);
        Assert.Equal(0, PerformanceStatistics.Sharpe(r));
        Assert.Equal(0, PerformanceStatistics.Sortino(r));
        Assert.Equal((0.0, 0), PerformanceStatistics.MaxDrawdown(flat));
        Assert.Equal(0, PerformanceStatistics.Calmar(0, 0));
    }

    [Fact]
    public void A_constant_return_has_zero_sharpe_not_rounding_noise() =>
        Assert.Equal(0, PerformanceStatistics.Sharpe(PerformanceStatistics.Returns([100, 101, 102.01, 103.0301])));

    [Fact]
    public void Max_drawdown_depth_and_duration()
    {
        // Peak 110 (index 1), trough 99: 11 / 110 = 10 %; never back to 110, so 3 periods (index 1 → 4).
        var (depth, duration) = PerformanceStatistics.MaxDrawdown(Curve);
        Assert.Equal(0.1, depth, Precision);
        Assert.Equal(3, duration);
        // 100 → 90 → 95 → 100 recovers after 3 periods; 100 → 50 → 100 is deeper (50 %) but shorter (2).
        Assert.Equal((0.5, 3), PerformanceStatistics.MaxDrawdown([100, 90, 95, 100, 50, 100]));
        var cagr = PerformanceStatistics.Cagr(Curve);
        Assert.Equal(cagr / 0.1, PerformanceStatistics.Calmar(cagr, depth), 1e-9);
    }

    [Fact]
    public void Historical_value_at_risk()
    {
        var r = PerformanceStatistics.Returns(Curve);
        // 4 returns: ⌈0.05 × 4⌉ = 1st smallest = −10 %.
        Assert.Equal(0.1, PerformanceStatistics.ValueAtRisk(r, 0.95), Precision);
        Assert.Equal(0.1, PerformanceStatistics.ValueAtRisk(r, 0.99), Precision);
        // 100 returns −1 %, −2 %, …, −100 % shuffled: 95 % → 5th worst (−96 %), 99 % → the worst (−100 %).
        var many = Enumerable.Range(1, 100).Select(i => -i / 100.0).Reverse().ToArray();
        Assert.Equal(0.96, PerformanceStatistics.ValueAtRisk(many, 0.95), Precision);
        Assert.Equal(1.0, PerformanceStatistics.ValueAtRisk(many, 0.99), Precision);
        Assert.Equal(0, PerformanceStatistics.ValueAtRisk([0.01, 0.02], 0.95));
    }

    [Fact]
    public void Trade_statistics()
    {
        var (winRate, profitFactor, expectancy, averageWin, averageLoss) = PerformanceStatistics.TradeStatistics([100, -50, 200, -25, 0]);
        Assert.Equal(2.0 / 5, winRate, Precision);
        Assert.Equal(300.0 / 75, profitFactor!.Value, Precision);
        Assert.Equal(225.0 / 5, expectancy, Precision);
        Assert.Equal(150, averageWin, Precision);
        Assert.Equal(-37.5, averageLoss, Precision);
        Assert.Null(PerformanceStatistics.TradeStatistics([10, 20]).ProfitFactor);
    }

    [Fact]
    public void Turnover_and_exposure()
    {
        // 1,000 traded over an average equity of 100 and 2 periods: (1,000 / 2) / 100 × 252 / 2.
        Assert.Equal(500.0 / 100 * 252 / 2, PerformanceStatistics.Turnover(1000, [100, 100, 100]), Precision);
        var (exposure, timeInMarket) = PerformanceStatistics.Exposure([0, 50, 100], [100, 100, 100]);
        Assert.Equal((0 + 0.5 + 1) / 3, exposure, Precision);
        Assert.Equal(2.0 / 3, timeInMarket, Precision);
    }

    [Fact]
    public void Strategy_equal_to_benchmark_has_beta_one_and_no_active_risk()
    {
        double[] b = [0.01, -0.02, 0.03, 0.0];
        Assert.Equal(1, BenchmarkStatistics.Beta(b, b), Precision);
        Assert.Equal(0, BenchmarkStatistics.Alpha(b, b), Precision);
        Assert.Equal(0, BenchmarkStatistics.TrackingError(b, b), Precision);
        Assert.Equal(0, BenchmarkStatistics.InformationRatio(b, b));
        Assert.Equal(1, BenchmarkStatistics.Capture(b, b, up: true), Precision);
        Assert.Equal(1, BenchmarkStatistics.Capture(b, b, up: false), Precision);
    }

    [Fact]
    public void Hand_computed_alpha_beta_and_ratios()
    {
        double[] b = [0.01, -0.01, 0.02];
        double[] r = [0.02, 0.0, 0.01];
        // means: b 0.02/3, r 0.01. Deviations b: 1/300, −5/300, 4/300; r: 0.01, −0.01, 0.
        // cov = (1/300·0.01 + 5/300·0.01 + 0) / 2 = 0.0001; var b = (1 + 25 + 16)/300² / 2 = 42/180000.
        var beta = 0.0001 / (42.0 / 180000);
        Assert.Equal(3.0 / 7, beta, 1e-12);
        Assert.Equal(beta, BenchmarkStatistics.Beta(r, b), 1e-12);
        Assert.Equal((0.01 - beta * 0.02 / 3) * 252, BenchmarkStatistics.Alpha(r, b), 1e-12);
        // Active returns 0.01, 0.01, −0.01: mean 1/300, deviations 2/300, 2/300, −4/300, sample variance 24/300²/2.
        var te = Math.Sqrt(24.0 / 90000 / 2) * Math.Sqrt(252);
        Assert.Equal(te, BenchmarkStatistics.TrackingError(r, b), 1e-12);
        Assert.Equal(1.0 / 300 * 252 / te, BenchmarkStatistics.InformationRatio(r, b), 1e-9);
        Assert.Equal(0.01 * 252 / beta, BenchmarkStatistics.Treynor(r, b), 1e-9);
        // Up days (b > 0): r 0.02 + 0.01 over b 0.01 + 0.02 = 1; down day: 0 / −0.01 = 0.
        Assert.Equal(1, BenchmarkStatistics.Capture(r, b, up: true), 1e-12);
        Assert.Equal(0, BenchmarkStatistics.Capture(r, b, up: false), 1e-12);
    }

    [Fact]
    public void A_flat_benchmark_gives_zero_beta()
    {
        double[] flat = [0, 0, 0];
        Assert.Equal(0, BenchmarkStatistics.Beta([0.01, 0.02, -0.01], flat));
        Assert.Equal(0.02 / 3 * 252, BenchmarkStatistics.Alpha([0.01, 0.02, -0.01], flat), 1e-12);
        Assert.Equal(0, BenchmarkStatistics.Treynor([0.01, 0.02, -0.01], flat));
    }
}
