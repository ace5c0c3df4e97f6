using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.BuiltIn;
using static AqTrading.Strategies.UnitTests.TestBars;

namespace AqTrading.Strategies.UnitTests;

public sealed class MomentumTests
{
    private static MomentumStrategy Momentum(int lookback = 3, decimal threshold = 0.02m) =>
        new("mom", ["AAA"], new MomentumParameters(lookback, threshold, 100m));

    [Fact]
    public void Buys_position_size_when_flat_and_momentum_exceeds_the_threshold()
    {
        var strategy = Momentum();
        var context = new StrategyContext("mom", "paper", 100);

        // Window [100, 101, 102.01]: (102.01 − 100) / 100 = 2.01% > 2%.
        var signals = Feed(strategy, context, Closes("AAA", 100m, 101m, 102.01m));

        var signal = Assert.Single(signals);
        Assert.Equal(SignalSide.Buy, signal.Side);
        Assert.Equal(100m, signal.Quantity);
        Assert.Equal(SignalOrderType.Market, signal.OrderType);
        Assert.Equal(Origin.AddMinutes(3), signal.Time);
        Assert.Equal(0.0201, signal.FactorScores["momentum"], 12);
    }

    [Fact]
    public void Exactly_the_threshold_does_not_trade_and_a_short_window_never_does()
    {
        var strategy = Momentum();
        var context = new StrategyContext("mom", "paper", 100);

        Assert.Empty(Feed(strategy, context, Closes("AAA", 100m, 150m)));              // window not full
        Assert.Empty(Feed(Momentum(), new StrategyContext("mom", "paper", 100), Closes("AAA", 100m, 101m, 102m))); // exactly 2%
    }

    [Fact]
    public void Momentum_is_measured_against_the_oldest_of_the_last_lookback_closes()
    {
        var strategy = Momentum();
        var context = new StrategyContext("mom", "paper", 100);

        // Bar 4's window is [101, 102, 103.1] (100 has dropped out): +2.08% → buy; against 100 it would be 3.1%.
        var signals = Feed(strategy, context, Closes("AAA", 100m, 101m, 102m, 103.1m));

        var signal = Assert.Single(signals);
        Assert.Equal((103.1 - 101) / 101, signal.FactorScores["momentum"], 12);
    }

    [Fact]
    public void Sells_the_whole_position_when_long_and_momentum_falls_below_minus_threshold()
    {
        var strategy = Momentum();
        var context = new StrategyContext("mom", "paper", 100);
        Hold(context, "AAA", 37m, 100m);

        var signals = Feed(strategy, context, Closes("AAA", 100m, 99m, 97.9m));

        var signal = Assert.Single(signals);
        Assert.Equal(SignalSide.Sell, signal.Side);
        Assert.Equal(37m, signal.Quantity);
    }

    [Fact]
    public void Does_not_buy_again_while_long_nor_sell_while_flat()
    {
        var held = new StrategyContext("mom", "paper", 100);
        Hold(held, "AAA", 100m, 100m);
        Assert.Empty(Feed(Momentum(), held, Closes("AAA", 100m, 101m, 105m)));
        Assert.Empty(Feed(Momentum(), new StrategyContext("mom", "paper", 100), Closes("AAA", 100m, 99m, 90m)));
    }

    [Fact]
    public void Declares_its_lookback_as_warm_up() => Assert.Equal(20, new MomentumStrategy("m", ["A"], new MomentumParameters()).WarmupBars);
}
