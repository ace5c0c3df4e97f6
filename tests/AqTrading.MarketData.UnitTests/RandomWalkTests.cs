using AqTrading.MarketData.Core.Feed;

namespace AqTrading.MarketData.UnitTests;

public sealed class RandomWalkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private static List<Tick> Run(Scenario scenario, int steps, int seed = 7, decimal start = 100m)
    {
        var walk = new RandomWalk(new FeedSymbol("SIM", scenario, start), new Random(seed));
        var ticks = new List<Tick>();
        for (var i = 0; i < steps; i++)
        {
            if (walk.Next(T0.AddMilliseconds(250 * i)) is { } tick)
            {
                ticks.Add(tick);
            }
        }

        return ticks;
    }

    [Fact]
    public void The_same_seed_gives_the_same_prices_and_another_seed_does_not()
    {
        var a = Run(Scenario.Volatile, 500, seed: 1);
        var b = Run(Scenario.Volatile, 500, seed: 1);
        var c = Run(Scenario.Volatile, 500, seed: 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(t => t.Last), c.Select(t => t.Last));
    }

    [Fact]
    public void Adding_a_symbol_does_not_change_another_symbols_prices()
    {
        var alone = new SimulatedMarket([new FeedSymbol("AAA")], 42);
        var together = new SimulatedMarket([new FeedSymbol("ZZZ"), new FeedSymbol("AAA")], 42);
        for (var i = 0; i < 100; i++)
        {
            var t = T0.AddSeconds(i);
            Assert.Equal(alone.Step(t).Single(), together.Step(t).Single(x => x.Symbol == "AAA"));
        }
    }

    [Theory]
    [InlineData(Scenario.TrendUp, 1)]
    [InlineData(Scenario.TrendDown, -1)]
    public void A_trend_drifts_its_way_on_average_over_many_seeds(Scenario scenario, int sign)
    {
        // Expected log drift over 1,000 steps ≈ ±0.5 with a standard deviation of ≈ 0.03 per path: every seed agrees.
        for (var seed = 0; seed < 20; seed++)
        {
            var ticks = Run(scenario, 1000, seed);
            Assert.Equal(sign, Math.Sign(Math.Log((double)ticks[^1].Last / 100.0)));
        }
    }

    [Fact]
    public void Flat_has_the_reference_volatility_and_no_drift()
    {
        var ticks = Run(Scenario.Flat, 20_000);
        var returns = ticks.Zip(ticks.Skip(1), (a, b) => (double)(b.Last / a.Last) - 1).ToList();
        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));

        // 1e-4 per step; prices are rounded to 1/10,000, which adds a little noise at 100.
        Assert.InRange(sd, 0.9e-4, 1.2e-4);
        Assert.InRange(mean, -3e-6, 3e-6);
    }

    [Fact]
    public void The_spread_is_5_bps_around_the_last_price()
    {
        foreach (var tick in Run(Scenario.Volatile, 200))
        {
            var spreadBps = (double)((tick.Ask - tick.Bid) / tick.Last) * 10_000;
            Assert.InRange(spreadBps, 4.9, 5.1);
            Assert.True(tick.Bid < tick.Last && tick.Last < tick.Ask);
        }
    }

    [Fact]
    public void Volume_is_between_1000_and_100000()
    {
        var volumes = Run(Scenario.Flat, 2000).Select(t => t.Volume).ToList();
        Assert.All(volumes, v => Assert.InRange(v, 1_000, 100_000));
        Assert.True(volumes.Max() - volumes.Min() > 50_000); // uniform, not a constant
    }

    [Fact]
    public void The_price_never_falls_below_one_cent()
    {
        var walk = new RandomWalk(new FeedSymbol("SIM", Scenario.TrendDown, 0.02m, Drift: -0.2, Volatility: 0.01), new Random(3));
        for (var i = 0; i < 200; i++)
        {
            var tick = walk.Next(T0.AddSeconds(i))!;
            Assert.True(tick.Last >= 0.01m);
            Assert.True(tick.Bid > 0);
        }

        Assert.Equal(RandomWalk.Floor, walk.Price);
    }

    [Fact]
    public void Jumps_of_5_percent_occur_about_2_percent_of_the_time()
    {
        var ticks = Run(Scenario.Jump, 20_000);
        var jumps = ticks.Zip(ticks.Skip(1), (a, b) => Math.Abs((double)(b.Last / a.Last) - 1)).Count(r => r > 0.03);
        // Binomial(20,000, 0.02): mean 400, sd 20.
        Assert.InRange(jumps, 320, 480);
    }

    [Fact]
    public void Stale_pauses_five_to_ten_seconds_about_one_step_in_ten()
    {
        var walk = new RandomWalk(new FeedSymbol("SIM", Scenario.Stale), new Random(5));
        var pauses = new List<TimeSpan>();
        DateTimeOffset? pausedAt = null;
        for (var i = 0; i < 40_000; i++)
        {
            var t = T0.AddMilliseconds(100 * i);
            var tick = walk.Next(t);
            if (tick is null && pausedAt is null)
            {
                pausedAt = t;
            }
            else if (tick is not null && pausedAt is { } start)
            {
                pauses.Add(t - start);
                pausedAt = null;
            }
        }

        Assert.NotEmpty(pauses);
        // A pause lasts 5–10 s; the first step after it may start another (10 %), which chains two or more.
        Assert.All(pauses, p => Assert.True(p.TotalSeconds >= 5));
        Assert.InRange(pauses.Count(p => p.TotalSeconds <= 10.1) / (double)pauses.Count, 0.85, 0.95);
    }

    [Fact]
    public void Scenario_names_parse_in_configuration_spelling()
    {
        Assert.Equal(Scenario.TrendUp, ScenarioNames.Parse("trend_up"));
        Assert.Equal(Scenario.Stale, ScenarioNames.Parse("Stale"));
        Assert.Null(ScenarioNames.Parse("sideways"));
        Assert.Null(ScenarioNames.Parse("2"));
    }
}
