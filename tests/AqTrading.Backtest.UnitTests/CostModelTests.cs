using AqTrading.Backtest.Engine;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.UnitTests;

public sealed class CostModelTests
{
    [Fact]
    public void Fixed_bps_slippage_matches_the_pinned_values()
    {
        var model = SlippageModel.FixedBps(5m);
        Assert.Equal(150.075m, model.Apply(SignalSide.Buy, 150.00m, 100m, 1_000));
        Assert.Equal(154.9225m, model.Apply(SignalSide.Sell, 155.00m, 100m, 1_000));
    }

    [Fact]
    public void Volume_share_slippage_grows_with_the_square_of_the_share_and_is_capped()
    {
        var model = SlippageModel.VolumeShare(priceImpact: 0.1m, volumeLimit: 0.025m);
        // 100 of 10,000 shares = 1 %: impact 0.1 × 0.01² = 0.00001 of the price.
        Assert.Equal(100m * (1m + 0.1m * 0.01m * 0.01m), model.Apply(SignalSide.Buy, 100m, 100m, 10_000));
        Assert.Equal(100m * (1m - 0.1m * 0.01m * 0.01m), model.Apply(SignalSide.Sell, 100m, 100m, 10_000));
        // 50 % of the volume is capped at 2.5 %; no volume pays the cap too.
        Assert.Equal(100m * (1m + 0.1m * 0.025m * 0.025m), model.Apply(SignalSide.Buy, 100m, 5_000m, 10_000));
        Assert.Equal(100m * (1m + 0.1m * 0.025m * 0.025m), model.Apply(SignalSide.Buy, 100m, 1m, 0));
    }

    [Fact]
    public void Fee_models()
    {
        Assert.Equal(0.5m, FeeModel.PerShare().Fee(100m, 150m));
        Assert.Equal(1.25m, FeeModel.PerOrder(1.25m).Fee(100m, 150m));
        Assert.Equal(15m, FeeModel.Percent(0.001m).Fee(100m, 150m));
    }

    [Theory]
    [InlineData(100, 150, 1.00)]     // 100 × 0.005 = 0.50 → the $1 minimum
    [InlineData(1000, 150, 5.00)]    // 1,000 × 0.005 = 5.00, within 0.5 % of 150,000
    [InlineData(10000, 0.50, 25.00)] // 50.00 per share, capped at 0.5 % of $5,000 = 25.00
    [InlineData(100, 0.50, 0.25)]    // the cap (0.25) is below the minimum: the cap wins
    public void Interactive_brokers_fixed_schedule(decimal shares, decimal price, decimal expected) =>
        Assert.Equal(expected, FeeModel.InteractiveBrokersFixed.Fee(shares, price));
}
