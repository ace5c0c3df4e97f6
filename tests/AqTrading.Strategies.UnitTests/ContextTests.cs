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
    public void Selling_through_zero_opens_a_short_at_the_fill_price()
    {
        var context = new StrategyContext("s", "paper", 10);
        context.ApplyFill(Fill("1", SignalSide.Buy, 10m, 10m));
        context.ApplyFill(Fill("2", SignalSide.Sell, 15m, 12m));

        var position = context.GetPosition("AAA")!;
        Assert.Equal((-5m, 12m), (position.Quantity, position.AverageCost));
        Assert.Equal(20m, context.Pnl.Realized);
    }
}
