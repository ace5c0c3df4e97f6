using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.BuiltIn;
using AqTrading.Strategies.Engine.Indicators;
using AqTrading.Strategies.Engine.Replay;
using static AqTrading.Strategies.UnitTests.TestBars;

namespace AqTrading.Strategies.UnitTests;

public sealed class TrendBreakoutTests
{
    private static TrendBreakoutStrategy Strategy(TrendBreakoutParameters parameters) => new("tb", ["AAA"], parameters);

    [Fact]
    public void Indicators_factors_and_composite_match_the_hand_computation()
    {
        var strategy = Strategy(new TrendBreakoutParameters { Lookback = 2, Normalize = false });
        var context = new StrategyContext("tb", "paper", 100);
        // close, high, volume. The current bar's high (12.5) must not count as a previous high.
        var bars = new[] { Bar("AAA", 0, 10m, 10m, 100), Bar("AAA", 1, 11m, 11m, 200), Bar("AAA", 2, 12m, 12.5m, 400) };

        var signal = Assert.Single(Feed(strategy, context, bars));

        var roc = (12.0 - 10) / 10;                 // 0.2
        var priceVsMa = (12.0 - 11.5) / 11.5;       // SMA2 incl. current = 11.5
        var priceVsHigh = (12.0 - 11) / 11;         // max of the previous 2 highs = 11
        var volumeZ = (400.0 - 150) / 50;           // previous volumes 100, 200: mean 150, population std 50
        var momentum = 0.5 * roc + 0.5 * priceVsMa;
        var breakout = 0.5 * priceVsHigh + 0.5 * volumeZ;
        Assert.Equal(momentum, signal.FactorScores["momentum_factor"], 12);
        Assert.Equal(breakout, signal.FactorScores["breakout_factor"], 12);
        Assert.Equal(0.5 * momentum + 0.5 * breakout, signal.FactorScores["composite"], 12);
        Assert.Equal((SignalSide.Buy, 100m), (signal.Side, signal.Quantity));
        Assert.StartsWith("Entry: composite", signal.Reason);
    }

    [Fact]
    public void Volatility_and_volume_z_score_use_the_population_deviation()
    {
        // Returns +10%, −10%: mean 0, population std 0.1 (the sample std would be 0.1414).
        Assert.Equal(0.1, TrendIndicators.Volatility([100, 110, 99], 2)!.Value, 12);
        // Previous volumes 1, 3: population std 1 → z = (4 − 2) / 1.
        Assert.Equal(2.0, TrendIndicators.VolumeZScore([1, 3, 4], 2)!.Value, 12);
        Assert.Null(TrendIndicators.VolumeZScore([5, 5, 9], 2));   // std 0 → undefined
        Assert.Null(TrendIndicators.RateOfChange([0, 1, 2], 2));   // divide by zero → undefined
        Assert.Null(TrendIndicators.PriceVsHigh([1, 2], [1, 2], 2)); // insufficient data
    }

    [Fact]
    public void Fixed_risk_sizes_by_volatility()
    {
        var strategy = Strategy(new TrendBreakoutParameters { Lookback = 2, Normalize = false, PositionSizing = "fixed_risk" });
        var context = new StrategyContext("tb", "paper", 100);
        // vol = 0.1 → floor(100 · 0.02 / 0.1) = 20 shares; the volume spike makes the composite positive.
        var bars = new[] { Bar("AAA", 0, 100m, volume: 100), Bar("AAA", 1, 110m, volume: 200), Bar("AAA", 2, 99m, volume: 1000) };

        var signal = Assert.Single(Feed(strategy, context, bars));

        Assert.Equal(20m, signal.Quantity);
    }

    [Fact]
    public void Exits_the_whole_position_below_the_exit_threshold()
    {
        var strategy = Strategy(new TrendBreakoutParameters { Lookback = 2, Normalize = false });
        var context = new StrategyContext("tb", "paper", 100);
        Hold(context, "AAA", 55m, 12m);
        // Falling closes on a volume collapse: every factor negative.
        var bars = new[] { Bar("AAA", 0, 12m, volume: 500), Bar("AAA", 1, 11m, volume: 400), Bar("AAA", 2, 10m, volume: 100) };

        var signal = Assert.Single(Feed(strategy, context, bars));

        Assert.Equal((SignalSide.Sell, 55m), (signal.Side, signal.Quantity));
        Assert.True(signal.FactorScores["composite"] < -0.02);
    }

    [Fact]
    public void Rolling_z_score_uses_the_window_the_min_periods_and_the_population_std()
    {
        var z = new RollingZScore(window: 3, minPeriods: 2);
        z.Add(1);
        Assert.Null(z.Normalize(1));
        z.Add(2);
        Assert.Equal(1.0, z.Normalize(2)!.Value, 12);                           // mean 1.5, std 0.5
        z.Add(3);
        Assert.Equal(1 / Math.Sqrt(2.0 / 3), z.Normalize(3)!.Value, 12);        // mean 2, std √(2/3)
        z.Add(10);                                                              // 1 leaves the window
        Assert.Equal(5 / Math.Sqrt(38.0 / 3), z.Normalize(10)!.Value, 12);      // [2, 3, 10]: mean 5, std √(38/3)

        var flat = new RollingZScore(3, 2);
        flat.Add(4);
        flat.Add(4);
        Assert.Equal(0.0, flat.Normalize(4));
    }

    [Fact]
    public void The_composite_is_raw_until_both_factors_have_min_periods_then_normalised()
    {
        var parameters = new TrendBreakoutParameters { Lookback = 2, Normalize = true, NormalizeMinPeriods = 3, NormalizeWindow = 4, EntryThreshold = -100, ExitThreshold = -200 };
        var strategy = Strategy(parameters);
        var context = new StrategyContext("tb", "paper", 100);
        var composites = new List<double>();
        var raw = new List<(double M, double B)>();
        var rng = new Random(7);
        for (var i = 0; i < 12; i++)
        {
            var bar = Bar("AAA", i, 100m + rng.Next(-300, 300) / 100m, volume: 1000 + rng.Next(0, 500));
            context.RecordBar(bar);
            strategy.OnBar(bar, context);
            if (strategy.Score("AAA") is { } s)
            {
                raw.Add((s.Momentum, s.Breakout));
                composites.Add(s.Composite);
            }
        }

        Assert.Equal(10, composites.Count); // from bar 3 (lookback + 1) on
        for (var k = 0; k < composites.Count; k++)
        {
            var window = raw.Take(k + 1).TakeLast(4).ToArray();
            var expected = window.Length < 3
                ? 0.5 * raw[k].M + 0.5 * raw[k].B
                : 0.5 * Z(window.Select(w => w.M).ToArray(), raw[k].M) + 0.5 * Z(window.Select(w => w.B).ToArray(), raw[k].B);
            Assert.Equal(expected, composites[k], 10);
        }

        static double Z(double[] values, double value)
        {
            var mean = values.Average();
            var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            return std == 0 ? 0 : (value - mean) / std;
        }
    }

    [Fact]
    public void No_look_ahead_scores_at_a_bar_do_not_depend_on_later_bars()
    {
        var rng = new Random(11);
        var bars = Enumerable.Range(0, 80)
            .Select(i => Bar("AAA", i, 100m + rng.Next(-500, 500) / 100m, high: 106m + rng.Next(0, 100) / 100m, volume: 1000 + rng.Next(0, 900)))
            .ToList();
        // A huge spike after bar 60 must not change anything before it.
        var spiked = bars.Take(61).Append(Bar("AAA", 61, 500m, 900m, 1_000_000)).Concat(bars.Skip(62)).ToList();
        var parameters = new TrendBreakoutParameters { EntryThreshold = -100, ExitThreshold = -200 }; // buy once, then hold
        TrendBreakoutStrategy Fresh() => new("tb", ["AAA"], parameters);

        var before = Scores(Fresh(), bars.Take(61));
        var with = Scores(Fresh(), spiked).Take(before.Count).ToList();

        Assert.Equal(61 - 20, before.Count);
        Assert.Equal(before, with);

        static List<(double, double, double)> Scores(TrendBreakoutStrategy strategy, IEnumerable<Bar> bars)
        {
            var context = new StrategyContext("tb", "paper", 100);
            var result = new List<(double, double, double)>();
            foreach (var bar in bars)
            {
                context.RecordBar(bar);
                strategy.OnBar(bar, context);
                if (strategy.Score("AAA") is { } s)
                {
                    result.Add(s);
                }
            }

            return result;
        }
    }

    [Fact]
    public void Declares_the_warm_up_its_normalised_composite_needs()
    {
        Assert.Equal(39, new TrendBreakoutStrategy("t", ["A"], new TrendBreakoutParameters()).WarmupBars);
        Assert.Equal(20, new TrendBreakoutStrategy("t", ["A"], new TrendBreakoutParameters { Normalize = false }).WarmupBars);
    }

    [Fact]
    public void Through_the_replay_no_signal_is_sent_before_the_warm_up_ends()
    {
        var rng = new Random(3);
        var bars = Enumerable.Range(0, 60).Select(i => Bar("AAA", i, 100m + i * 0.1m + rng.Next(-50, 50) / 100m, volume: 1000 + rng.Next(0, 900))).ToList();
        var strategy = new TrendBreakoutStrategy("tb", ["AAA"], new TrendBreakoutParameters { EntryThreshold = -100, ExitThreshold = -200 });

        var result = BarReplay.Run(strategy, bars);

        // A threshold of −100 makes every scored bar an entry while flat: the first is suppressed bar 21, the first sent is bar 40.
        Assert.True(result.SuppressedSignals > 0);
        Assert.Equal(bars[39].End, result.Signals[0].Signal.Time);
        Assert.Single(result.Signals); // then it holds
    }
}
