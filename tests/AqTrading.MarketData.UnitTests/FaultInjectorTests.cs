using AqTrading.MarketData.Core.Feed;

namespace AqTrading.MarketData.UnitTests;

public sealed class FaultInjectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private static Tick TickAt(DateTimeOffset t) => new("SIM", t, 99.99m, 100.01m, 100m, 1000);

    [Fact]
    public void With_no_faults_every_tick_passes_unchanged()
    {
        var injector = new FaultInjector(new FaultOptions(), new Random(1));
        var ticks = Enumerable.Range(0, 100).Select(i => TickAt(T0.AddSeconds(i))).ToList();

        var delivered = ticks.SelectMany(t => injector.Process([t], t.Time)).ToList();

        Assert.Equal(ticks, delivered);
    }

    [Fact]
    public void Duplicates_deliver_a_tick_twice()
    {
        var injector = new FaultInjector(new FaultOptions { DuplicateProbability = 1 }, new Random(1));
        var tick = TickAt(T0);

        Assert.Equal([tick, tick], injector.Process([tick], T0));
    }

    [Fact]
    public void Out_of_order_moves_the_event_time_200_ms_back()
    {
        var injector = new FaultInjector(new FaultOptions { OutOfOrderProbability = 1 }, new Random(1));

        var delivered = injector.Process([TickAt(T0)], T0).Single();

        Assert.Equal(T0.AddMilliseconds(-200), delivered.Time);
    }

    [Fact]
    public void A_delayed_tick_arrives_100_to_500_ms_later_with_its_event_time()
    {
        var injector = new FaultInjector(new FaultOptions { DelayProbability = 1 }, new Random(1));
        var tick = TickAt(T0);

        Assert.Empty(injector.Process([tick], T0));
        Assert.Empty(injector.Process([], T0.AddMilliseconds(99)));
        Assert.Equal([tick], injector.Process([], T0.AddMilliseconds(500)));
    }

    [Fact]
    public void A_stale_window_drops_the_symbol_for_2_to_5_seconds()
    {
        var injector = new FaultInjector(new FaultOptions { StaleProbability = 1 }, new Random(1));

        Assert.Empty(injector.Process([TickAt(T0)], T0));
        Assert.Empty(injector.Process([TickAt(T0.AddSeconds(1.9))], T0.AddSeconds(1.9)));
    }
}
