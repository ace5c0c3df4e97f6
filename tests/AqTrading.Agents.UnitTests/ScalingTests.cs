using AqTrading.Agents.Abstractions.Analytics;

namespace AqTrading.Agents.UnitTests;

public class ScalingTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.0499, 1.0)]
    [InlineData(0.05, 0.9)]
    [InlineData(0.0999, 0.9)]
    [InlineData(0.10, 0.7)]
    [InlineData(0.15, 0.5)]
    [InlineData(0.1999, 0.5)]
    [InlineData(0.20, 0.25)]
    [InlineData(0.60, 0.25)]
    public void Drawdown_scaling_follows_the_seed_table(double drawdown, double scale) =>
        Assert.Equal(scale, RiskScaling.ForDrawdown(drawdown));

    [Theory]
    [InlineData(10.0, VolatilityRegime.Low, 1.0)]
    [InlineData(15.0, VolatilityRegime.Normal, 0.8)]
    [InlineData(19.99, VolatilityRegime.Normal, 0.8)]
    [InlineData(20.0, VolatilityRegime.Elevated, 0.5)]
    [InlineData(30.0, VolatilityRegime.High, 0.25)]
    [InlineData(40.0, VolatilityRegime.Extreme, 0.1)]
    [InlineData(85.0, VolatilityRegime.Extreme, 0.1)]
    public void Volatility_regimes_and_their_scaling_follow_the_seed_thresholds(double vix, VolatilityRegime regime, double scale)
    {
        Assert.Equal(regime, VolatilityRegimes.Classify(vix));
        Assert.Equal(scale, RiskScaling.ForRegime(regime));
    }

    [Fact]
    public void An_unknown_regime_changes_nothing()
    {
        Assert.Equal(VolatilityRegime.Unknown, VolatilityRegimes.Classify(double.NaN));
        Assert.Equal(1.0, RiskScaling.ForRegime(VolatilityRegime.Unknown));
        Assert.Equal(0.9, RiskScaling.Combined(0.06, VolatilityRegime.Unknown));
    }

    [Theory]
    [InlineData(0.06, VolatilityRegime.Low, 0.9)]       // drawdown binds
    [InlineData(0.06, VolatilityRegime.Elevated, 0.5)]  // regime binds
    [InlineData(0.25, VolatilityRegime.Normal, 0.25)]
    [InlineData(0.25, VolatilityRegime.Extreme, 0.1)]   // never below the floor
    [InlineData(0.0, VolatilityRegime.Low, 1.0)]
    public void The_bias_is_the_smaller_scale_never_below_the_floor(double drawdown, VolatilityRegime regime, double bias) =>
        Assert.Equal(bias, RiskScaling.Combined(drawdown, regime));

    [Theory]
    [InlineData(1.0, "low")]
    [InlineData(0.8, "low")]
    [InlineData(0.7, "medium")]
    [InlineData(0.5, "medium")]
    [InlineData(0.25, "high")]
    [InlineData(0.1, "critical")]
    public void Risk_levels_follow_the_seed_bands(double bias, string level) => Assert.Equal(level, RiskScaling.RiskLevel(bias));

    [Theory]
    [InlineData(95_000, 100_000, 0.05)]
    [InlineData(110_000, 100_000, 0)]
    [InlineData(50, 0, 0)]
    public void Drawdown_is_measured_from_the_peak(double equity, double peak, double drawdown) =>
        Assert.Equal(drawdown, RiskScaling.Drawdown(equity, peak), 12);

    [Fact]
    public void Realised_volatility_annualises_the_sample_deviation_of_log_returns()
    {
        // Alternating ±1 % moves: log returns ln(1.01), ln(1/1.01), … — a known sample deviation.
        var closes = new List<double> { 100 };
        for (var i = 0; i < 20; i++)
        {
            closes.Add(i % 2 == 0 ? closes[^1] * 1.01 : closes[^1] / 1.01);
        }

        var r = Math.Log(1.01);
        var returns = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? r : -r).ToList();
        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(x => (x - mean) * (x - mean)) / 19);

        Assert.Equal(sd * Math.Sqrt(252) * 100, VolatilityRegimes.RealisedVolatilityPct(closes, 252), 9);
        // About 16.3 % a year: the normal regime.
        Assert.Equal(VolatilityRegime.Normal, VolatilityRegimes.Classify(VolatilityRegimes.RealisedVolatilityPct(closes, 252)));
    }

    [Fact]
    public void Too_few_bars_or_a_non_positive_close_give_no_volatility()
    {
        Assert.True(double.IsNaN(VolatilityRegimes.RealisedVolatilityPct([100, 101, 102, 103], 252)));
        Assert.True(double.IsNaN(VolatilityRegimes.RealisedVolatilityPct([100, 101, 0, 103, 104], 252)));
        Assert.Equal(0, VolatilityRegimes.RealisedVolatilityPct([100, 100, 100, 100, 100], 252));
    }
}
