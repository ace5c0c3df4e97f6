using AqTrading.Backtest.Engine;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.UnitTests;

public sealed class OrderMatchingTests
{
    private static decimal? Match(SignalSide side, OrderType type, decimal? limit, decimal? stop, decimal open, decimal high, decimal low) =>
        OrderMatching.Match(new WorkingOrder(side, type, 10m, limit, stop), open, high, low);

    [Fact]
    public void Market_fills_at_the_open() => Assert.Equal(100m, Match(SignalSide.Buy, OrderType.Market, null, null, 100m, 105m, 95m));

    [Theory]
    [InlineData(99, 100, 105, 96, 99)]   // reached inside the bar: at the limit
    [InlineData(99, 97, 100, 95, 97)]    // gapped below the limit: at the better open
    [InlineData(94, 100, 105, 95, null)] // never reached
    public void Buy_limit(decimal limit, decimal open, decimal high, decimal low, int? expected) =>
        Assert.Equal((decimal?)expected, Match(SignalSide.Buy, OrderType.Limit, limit, null, open, high, low));

    [Theory]
    [InlineData(104, 100, 105, 96, 104)]
    [InlineData(104, 106, 108, 103, 106)]
    [InlineData(106, 100, 105, 96, null)]
    public void Sell_limit(decimal limit, decimal open, decimal high, decimal low, int? expected) =>
        Assert.Equal((decimal?)expected, Match(SignalSide.Sell, OrderType.Limit, limit, null, open, high, low));

    [Theory]
    [InlineData(103, 100, 105, 96, 103)]  // triggered inside the bar: at the stop
    [InlineData(103, 104, 106, 102, 104)] // gapped through the stop: at the (worse) open
    [InlineData(106, 100, 105, 96, null)]
    public void Buy_stop(decimal stop, decimal open, decimal high, decimal low, int? expected) =>
        Assert.Equal((decimal?)expected, Match(SignalSide.Buy, OrderType.Stop, null, stop, open, high, low));

    [Theory]
    [InlineData(97, 100, 105, 96, 97)]
    [InlineData(97, 95, 98, 90, 95)] // gap down through a sell stop: at the open
    [InlineData(95, 100, 105, 96, null)]
    public void Sell_stop(decimal stop, decimal open, decimal high, decimal low, int? expected) =>
        Assert.Equal((decimal?)expected, Match(SignalSide.Sell, OrderType.Stop, null, stop, open, high, low));

    [Fact]
    public void Buy_stop_limit_triggered_inside_the_bar_fills_at_the_stop() =>
        Assert.Equal(103m, Match(SignalSide.Buy, OrderType.StopLimit, 104m, 103m, 100m, 105m, 96m));

    [Fact]
    public void Buy_stop_limit_gapping_above_the_limit_fills_only_when_the_price_comes_back()
    {
        Assert.Equal(104m, Match(SignalSide.Buy, OrderType.StopLimit, 104m, 103m, 106m, 107m, 103.5m)); // low after the open reached the limit
        var order = new WorkingOrder(SignalSide.Buy, OrderType.StopLimit, 10m, 104m, 103m);
        Assert.Null(OrderMatching.Match(order, 106m, 108m, 105m));
        Assert.True(order.Triggered);
        Assert.Equal(104m, OrderMatching.Match(order, 105m, 106m, 103m)); // next bar: a plain limit now
    }

    [Fact]
    public void Stop_limit_whose_stop_is_beyond_its_limit_rests_after_an_intrabar_trigger()
    {
        var order = new WorkingOrder(SignalSide.Sell, OrderType.StopLimit, 10m, 98m, 97m);
        Assert.Null(OrderMatching.Match(order, 100m, 101m, 96m));
        Assert.True(order.Triggered);
        Assert.Equal(99m, OrderMatching.Match(order, 99m, 100m, 97m));
    }
}
