using AqTrading.Portfolio.Accounting;
using static AqTrading.Portfolio.UnitTests.Trades;

namespace AqTrading.Portfolio.UnitTests;

public sealed class PositionMathTests
{
    [Fact]
    public void Buying_with_no_position_opens_a_long_at_the_fill_price()
    {
        var result = PositionMath.ApplyFill(null, Buy(100, 150m, strategy: "momentum"));

        Assert.Equal(new Position(Stock, Account, "momentum", AssetType.Equity, 1m, 100m, 150m), result.Position);
        Assert.Equal(0m, result.RealizedPnl);
    }

    [Fact]
    public void Selling_with_no_position_opens_a_short_with_negative_quantity()
    {
        var result = PositionMath.ApplyFill(null, Sell(50, 20m));

        Assert.Equal(-50m, result.Position!.Quantity);
        Assert.Equal(20m, result.Position.AverageCost);
        Assert.False(result.Position.IsLong);
        Assert.Equal(0m, result.RealizedPnl);
    }

    [Fact]
    public void Buying_more_of_a_long_weights_the_average_cost_by_quantity()
    {
        // (100·150 + 50·156) / 150 = 22 800 / 150 = 152
        var result = PositionMath.ApplyFill(Holding(100, 150m), Buy(50, 156m));

        Assert.Equal(150m, result.Position!.Quantity);
        Assert.Equal(152m, result.Position.AverageCost);
        Assert.Equal(0m, result.RealizedPnl);
    }

    [Fact]
    public void Selling_more_of_a_short_weights_the_average_cost_by_quantity()
    {
        // (100·50 + 300·62) / 400 = 23 600 / 400 = 59
        var result = PositionMath.ApplyFill(Holding(-100, 50m), Sell(300, 62m));

        Assert.Equal(-400m, result.Position!.Quantity);
        Assert.Equal(59m, result.Position.AverageCost);
        Assert.Equal(0m, result.RealizedPnl);
    }

    [Fact]
    public void Selling_part_of_a_long_realizes_pnl_on_the_sold_part()
    {
        // (160 − 150)·40 = 400; the 60 left keep their cost.
        var result = PositionMath.ApplyFill(Holding(100, 150m, strategy: "momentum"), Sell(40, 160m, strategy: "momentum"));

        Assert.Equal(400m, result.RealizedPnl);
        Assert.Equal(Holding(60, 150m, strategy: "momentum"), result.Position);
    }

    [Fact]
    public void Selling_part_of_a_long_below_cost_realizes_a_loss()
    {
        var result = PositionMath.ApplyFill(Holding(100, 150m), Sell(40, 142.5m));

        Assert.Equal(-300m, result.RealizedPnl); // (142.5 − 150)·40
        Assert.Equal(60m, result.Position!.Quantity);
    }

    [Fact]
    public void Buying_back_part_of_a_short_below_its_cost_realizes_a_gain()
    {
        // (50 − 45)·30 = 150
        var result = PositionMath.ApplyFill(Holding(-100, 50m), Buy(30, 45m));

        Assert.Equal(150m, result.RealizedPnl);
        Assert.Equal(Holding(-70, 50m), result.Position);
    }

    [Fact]
    public void Covering_a_short_above_its_cost_realizes_a_loss()
    {
        var result = PositionMath.ApplyFill(Holding(-100, 50m), Buy(30, 55m));

        Assert.Equal(-150m, result.RealizedPnl); // (50 − 55)·30
        Assert.Equal(-70m, result.Position!.Quantity);
    }

    [Fact]
    public void Selling_the_whole_long_closes_the_position()
    {
        var result = PositionMath.ApplyFill(Holding(100, 150m), Sell(100, 155m));

        Assert.Null(result.Position);
        Assert.Equal(500m, result.RealizedPnl);
    }

    [Fact]
    public void Buying_back_the_whole_short_closes_the_position()
    {
        var result = PositionMath.ApplyFill(Holding(-10, 20m), Buy(10, 25m));

        Assert.Null(result.Position);
        Assert.Equal(-50m, result.RealizedPnl); // (20 − 25)·10
    }

    [Fact]
    public void Selling_through_a_long_flips_to_short_at_the_fill_price()
    {
        // Realized only on the 100 closed: (160 − 150)·100 = 1000. The other 50 open a short at 160.
        var result = PositionMath.ApplyFill(Holding(100, 150m), Sell(150, 160m));

        Assert.Equal(1_000m, result.RealizedPnl);
        Assert.Equal(Holding(-50, 160m), result.Position);
    }

    [Fact]
    public void Buying_through_a_short_flips_to_long_at_the_fill_price()
    {
        // Realized only on the 100 covered: (50 − 40)·100 = 1000. The other 30 open a long at 40.
        var result = PositionMath.ApplyFill(Holding(-100, 50m), Buy(130, 40m));

        Assert.Equal(1_000m, result.RealizedPnl);
        Assert.Equal(Holding(30, 40m), result.Position);
    }

    [Fact]
    public void Fees_are_subtracted_from_the_realized_pnl_of_the_fill()
    {
        var result = PositionMath.ApplyFill(Holding(100, 150m), Sell(40, 160m, fees: 1.5m));

        Assert.Equal(398.5m, result.RealizedPnl); // 400 − 1.5
        Assert.Equal(150m, result.Position!.AverageCost);
    }

    [Fact]
    public void An_opening_fill_realizes_its_fees_and_keeps_the_cost_at_the_traded_price()
    {
        var result = PositionMath.ApplyFill(null, Buy(100, 150m, fees: 1m));

        Assert.Equal(-1m, result.RealizedPnl);
        Assert.Equal(150m, result.Position!.AverageCost);
    }

    [Fact]
    public void Adding_to_a_position_realizes_its_fees()
    {
        var result = PositionMath.ApplyFill(Holding(100, 150m), Buy(50, 156m, fees: 0.75m));

        Assert.Equal(-0.75m, result.RealizedPnl);
        Assert.Equal(152m, result.Position!.AverageCost);
    }

    [Fact]
    public void A_flip_charges_its_fees_once()
    {
        var result = PositionMath.ApplyFill(Holding(100, 150m), Sell(150, 160m, fees: 2m));

        Assert.Equal(998m, result.RealizedPnl);
        Assert.Equal(160m, result.Position!.AverageCost);
    }

    [Fact]
    public void Option_pnl_uses_the_100_multiplier()
    {
        // (5.25 − 3.50)·2 contracts·100 = 350
        var opened = PositionMath.ApplyFill(null, BuyOption(2, 3.50m));
        var closed = PositionMath.ApplyFill(opened.Position, SellOption(2, 5.25m));

        Assert.Equal(100m, opened.Position!.Multiplier);
        Assert.Equal(3.50m, opened.Position.AverageCost);
        Assert.Null(closed.Position);
        Assert.Equal(350m, closed.RealizedPnl);
    }

    [Fact]
    public void A_written_option_bought_back_cheaper_realizes_the_premium_difference()
    {
        // Short 3 @ 2.00, cover 3 @ 0.50: (2.00 − 0.50)·3·100 = 450
        var opened = PositionMath.ApplyFill(null, SellOption(3, 2.00m));
        var closed = PositionMath.ApplyFill(opened.Position, BuyOption(3, 0.50m));

        Assert.Equal(-3m, opened.Position!.Quantity);
        Assert.Equal(450m, closed.RealizedPnl);
    }

    [Fact]
    public void Futures_multiplier_comes_from_the_contract()
    {
        // ES is $50 a point: 10 points on 2 contracts is 1000, not the 20 a multiplier of 1 would give.
        var opened = PositionMath.ApplyFill(null, BuyEs(2, 5_000m));
        var closed = PositionMath.ApplyFill(opened.Position, SellEs(2, 5_010m));

        Assert.Equal(50m, opened.Position!.Multiplier);
        Assert.Equal(1_000m, closed.RealizedPnl);
    }

    [Fact]
    public void A_futures_short_covered_higher_loses_per_point_times_the_multiplier()
    {
        var result = PositionMath.ApplyFill(EsHolding(-1, 5_000m), BuyEs(1, 5_012.25m, fees: 2.25m));

        Assert.Null(result.Position);
        Assert.Equal(-614.75m, result.RealizedPnl); // (5000 − 5012.25)·1·50 − 2.25 = −612.5 − 2.25
    }

    [Fact]
    public void Fractional_share_fills_are_exact()
    {
        var result = PositionMath.ApplyFill(Holding(1.5m, 200m), Sell(0.5m, 210m));

        Assert.Equal(5m, result.RealizedPnl);
        Assert.Equal(1.0m, result.Position!.Quantity);
    }

    [Fact]
    public void A_weighted_average_that_does_not_divide_evenly_keeps_full_precision()
    {
        // (1·10 + 2·11) / 3 = 10.666…; selling all 3 at 12 realizes (12 − 32/3)·3 = 4.
        var added = PositionMath.ApplyFill(Holding(1, 10m), Buy(2, 11m));
        var closed = PositionMath.ApplyFill(added.Position, Sell(3, 12m));

        Assert.Equal(10.666666666666666666666666667m, added.Position!.AverageCost);
        Assert.Equal(4m, Math.Round(closed.RealizedPnl, 20));
    }

    [Fact]
    public void Realized_pnl_over_a_long_history_sums_every_fill()
    {
        // The reference summed only the latest 100 transactions; 150 round trips of +1 each must total 150.
        Position? position = null;
        var total = 0m;
        for (var i = 0; i < 150; i++)
        {
            var opened = PositionMath.ApplyFill(position, Buy(1, 100m));
            var closed = PositionMath.ApplyFill(opened.Position, Sell(1, 101m));
            position = closed.Position;
            total += opened.RealizedPnl + closed.RealizedPnl;
        }

        Assert.Null(position);
        Assert.Equal(150m, total);
    }

    [Fact]
    public void A_fill_for_another_strategy_is_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
            PositionMath.ApplyFill(Holding(100, 150m, strategy: "momentum"), Sell(10, 151m, strategy: "mean-reversion")));
    }

    [Fact]
    public void A_fill_for_another_symbol_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PositionMath.ApplyFill(Holding(100, 150m), Sell(10, 151m, symbol: "MSFT")));
    }

    [Fact]
    public void A_fill_that_disagrees_on_the_multiplier_is_rejected()
    {
        // An ES position must not be closed by a fill that thinks the contract is the $5 micro.
        Assert.Throws<ArgumentException>(() => PositionMath.ApplyFill(
            EsHolding(2, 5_000m), Sell(2, 5_010m, symbol: EsFuture, assetType: AssetType.Future, multiplier: 5m)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_fill_quantity_must_be_positive(int quantity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Buy(quantity, 150m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Buy(1, 150m) with { Quantity = quantity });
    }

    [Fact]
    public void Negative_fees_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sell(10, 150m, fees: -1m));
    }

    [Fact]
    public void A_negative_futures_price_is_accepted()
    {
        // WTI settled at −37.63 on 20 April 2020; CL is 1000 barrels a contract.
        var result = PositionMath.ApplyFill(
            Holding(1, 10m, "CLK0", AssetType.Future, 1_000m),
            Sell(1, -37.63m, symbol: "CLK0", assetType: AssetType.Future, multiplier: 1_000m));

        Assert.Equal(-47_630m, result.RealizedPnl);
    }

    [Fact]
    public void A_position_is_never_flat()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Holding(0, 150m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Holding(10, 150m) with { Quantity = 0m });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void A_position_multiplier_must_be_positive(int multiplier)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Holding(10, 150m, multiplier: multiplier));
        Assert.Throws<ArgumentOutOfRangeException>(() => Holding(10, 150m) with { Multiplier = multiplier });
        Assert.Throws<ArgumentOutOfRangeException>(() => Buy(10, 150m, multiplier: multiplier));
    }
}
