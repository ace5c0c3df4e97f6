using AqTrading.Strategies.Engine;

namespace AqTrading.Strategies.UnitTests;

public sealed class ContextTests
{
    private static StrategyFill Fill(string id, SignalSide side, decimal quantity, decimal price, decimal fees = 0m) =>
        new(id, null, "AAA", side, quantity, price, fees, TestBars.Origin);

    [Fact]
    public void Average_cost_realized_and_unrealized_pnl_follow_the_fills_once_each()
    {
        var context = new StrategyContext("s", "paper", 10);
        context.ApplyFill(Fill("1", SignalSide.Buy, 100m, 10m, fees: 1m));
        context.ApplyFill(Fill("2", SignalSide.Buy, 100m, 12m));
        Assert.False(context.ApplyFill(Fill("2", SignalSide.Buy, 100m, 12m)));   // a redelivered fill changes nothing
        context.ApplyFill(Fill("3", SignalSide.Sell, 50m, 15m));
        context.RecordBar(TestBars.Bar("AAA", 0, 14m));

        var position = context.GetPosition("aaa")!;
        Assert.Equal((150m, 11m), (position.Quantity, position.AverageCost));
        Assert.Equal(14m, position.Mark);
        Assert.Equal(50m * (15m - 11m) - 1m, context.Pnl.Realized);
        Assert.Equal(150m * (14m - 11m), context.Pnl.Unrealized);
    }

    [Fact]
    public void Filled_quantity_per_order_counts_each_fill_once_whenever_it_is_asked()
    {
        var context = new StrategyContext("s", "paper", 10);
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();
        context.ApplyFill(Fill("1", SignalSide.Buy, 30m, 10m) with { OrderId = first });
        Assert.Equal(30m, context.FilledQuantity(first));
        context.ApplyFill(Fill("2", SignalSide.Buy, 20m, 10m) with { OrderId = first });
        context.ApplyFill(Fill("3", SignalSide.Sell, 5m, 11m) with { OrderId = second });
        Assert.False(context.ApplyFill(Fill("2", SignalSide.Buy, 20m, 10m) with { OrderId = first })); // redelivered
        context.ApplyFill(Fill("4", SignalSide.Buy, 1m, 10m)); // no order id

        Assert.Equal((50m, 5m, 0m), (context.FilledQuantity(first), context.FilledQuantity(second), context.FilledQuantity(Guid.NewGuid())));
        Assert.Equal(50m, context.FilledQuantity(first)); // asking again changes nothing
    }

    [Fact]
    public void Selling_through_zero_opens_a_short_at_the_fill_price()
    {
        var context = new StrategyContext("s", "paper", 10);
        context.ApplyFill(Fill("1", SignalSide.Buy, 10m, 10m));
        context.ApplyFill(Fill("2", SignalSide.Sell, 15m, 12m));

        var position = context.GetPosition("AAA")!;
        Assert.Equal((-5m, 12m), (position.Quantity, position.AverageCost));
        Assert.Equal(20m, context.Pnl.Realized);
    }

    [Fact]
    public void The_clock_is_the_time_of_the_event_so_a_late_fill_does_not_restamp_the_next_bars_signals()
    {
        var driver = new StrategyDriver(new Engine.BuiltIn.MomentumStrategy("m", ["AAA"], new Engine.BuiltIn.MomentumParameters(2, 0.01m, 1m)), "paper");
        driver.Start();
        driver.OnBar(TestBars.Bar("AAA", 0, 100m));
        driver.OnBar(TestBars.Bar("AAA", 1, 100m));
        // A fill stamped by a wall clock far after the (historical) bars.
        driver.OnFill(new StrategyFill("f", null, "AAA", SignalSide.Sell, 1m, 100m, 0m, TestBars.Origin.AddYears(1)));

        var outcome = driver.OnBar(TestBars.Bar("AAA", 2, 110m))!;

        Assert.Equal(TestBars.Origin.AddMinutes(3), Assert.Single(outcome.Signals).Time);
    }

    [Fact]
    public void A_simulated_fill_is_booked_by_symbol_index_and_reaches_a_strategy_that_listens_for_fills()
    {
        var strategy = new RecordingStrategy(["AAA", "BBB"]);
        var driver = new StrategyDriver(strategy, "backtest");
        driver.Start();
        var order = Guid.NewGuid();
        driver.OnSimulatedFill(1, "bt-1", order, SignalSide.Buy, 10m, 20m, 1m, TestBars.Origin);
        driver.OnSimulatedFill(1, "bt-2", order, SignalSide.Sell, 4m, 25m, 1m, TestBars.Origin.AddMinutes(1));

        var position = driver.Context.GetPosition("BBB")!;
        Assert.Equal((6m, 20m), (position.Quantity, position.AverageCost));
        Assert.Null(driver.Context.GetPosition("AAA"));
        Assert.Equal(4m * 5m - 2m, driver.Context.Pnl.Realized);
        Assert.Equal(14m, driver.Context.FilledQuantity(order));
        Assert.Equal(TestBars.Origin.AddMinutes(1), driver.Context.Now);
        Assert.Equal(
            [new StrategyFill("bt-1", order, "BBB", SignalSide.Buy, 10m, 20m, 1m, TestBars.Origin),
             new StrategyFill("bt-2", order, "BBB", SignalSide.Sell, 4m, 25m, 1m, TestBars.Origin.AddMinutes(1))],
            strategy.Fills);

        // A strategy without OnFill of its own is not called, and its book is kept all the same.
        var quiet = new StrategyDriver(new Engine.BuiltIn.MomentumStrategy("m", ["AAA"], new Engine.BuiltIn.MomentumParameters(2, 0.01m, 1m)), "backtest");
        quiet.OnSimulatedFill(0, "bt-3", order, SignalSide.Sell, 2m, 10m, 0m, TestBars.Origin);
        Assert.Equal(-2m, quiet.Context.GetPosition("AAA")!.Quantity);
    }

    private sealed class RecordingStrategy(IReadOnlyList<string> symbols) : Strategy("rec", symbols)
    {
        public List<StrategyFill> Fills { get; } = [];

        public override int WarmupBars => 0;

        public override void OnFill(StrategyFill fill, IStrategyContext context) => Fills.Add(fill);
    }
}
