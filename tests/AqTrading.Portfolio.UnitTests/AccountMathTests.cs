using AqTrading.Portfolio.Accounting;
using static AqTrading.Portfolio.UnitTests.Trades;

namespace AqTrading.Portfolio.UnitTests;

public sealed class AccountMathTests
{
    [Fact]
    public void Equity_is_cash_plus_market_value_of_stocks_and_options()
    {
        var book = new[]
        {
            new MarkedPosition(Holding(100, 150m), 155m),     // 15 500
            new MarkedPosition(OptionHolding(2, 3m), 3.10m),  //    620
        };

        Assert.Equal(41_120m, AccountMath.Equity(25_000m, book));
    }

    [Fact]
    public void A_short_stock_position_subtracts_its_market_value_from_equity()
    {
        // From 10 000, shorting 50 @ 20 brought 1 000 of proceeds into cash; at a mark of 18 buying back costs 900,
        // so equity is 11 000 − 900: up 100.
        var book = new[] { new MarkedPosition(Holding(-50, 20m), 18m) };

        Assert.Equal(10_100m, AccountMath.Equity(11_000m, book));
    }

    [Fact]
    public void Futures_add_only_their_unrealized_pnl_to_equity()
    {
        // 2 ES @ 5000 marked 5010: notional 501 000, unrealized (10·2·50) = 1 000.
        var book = new[] { new MarkedPosition(EsHolding(2, 5_000m), 5_010m) };

        Assert.Equal(101_000m, AccountMath.Equity(100_000m, book));
    }

    [Fact]
    public void A_losing_futures_short_reduces_equity_by_its_loss()
    {
        var book = new[]
        {
            new MarkedPosition(EsHolding(-1, 5_000m), 5_020m), // −1 000 unrealized
            new MarkedPosition(Holding(10, 100m), 110m),       //  1 100 market value
        };

        Assert.Equal(50_100m, AccountMath.Equity(50_000m, book));
    }

    [Fact]
    public void Day_pnl_is_equity_minus_start_of_day_equity()
    {
        Assert.Equal(1_500m, AccountMath.DayPnl(101_500m, 100_000m));
        Assert.Equal(-2_250m, AccountMath.DayPnl(97_750m, 100_000m));
    }

    [Fact]
    public void A_deposit_during_the_day_is_not_day_pnl()
    {
        Assert.Equal(500m, AccountMath.DayPnl(101_500m, 100_000m, netDepositsToday: 1_000m));
        Assert.Equal(1_500m, AccountMath.DayPnl(96_500m, 100_000m, netDepositsToday: -5_000m));
    }

    [Fact]
    public void Buying_stock_pays_its_notional_and_fees_out_of_cash()
    {
        Assert.Equal(-15_001m, AccountMath.CashChange(null, Buy(100, 150m, fees: 1m)));
    }

    [Fact]
    public void Selling_stock_brings_its_notional_less_fees_into_cash()
    {
        Assert.Equal(15_499m, AccountMath.CashChange(Holding(100, 150m), Sell(100, 155m, fees: 1m)));
    }

    [Fact]
    public void Short_selling_stock_brings_the_proceeds_into_cash()
    {
        Assert.Equal(1_000m, AccountMath.CashChange(null, Sell(50, 20m)));
    }

    [Fact]
    public void Option_cash_moves_by_premium_times_100()
    {
        Assert.Equal(-701.30m, AccountMath.CashChange(null, BuyOption(2, 3.50m, fees: 1.30m)));
        Assert.Equal(199.35m, AccountMath.CashChange(null, SellOption(1, 2.00m, fees: 0.65m)));
    }

    [Fact]
    public void Opening_a_future_moves_only_its_fees()
    {
        Assert.Equal(-4.50m, AccountMath.CashChange(null, BuyEs(2, 5_000m, fees: 4.50m)));
    }

    [Fact]
    public void Adding_to_a_future_moves_only_its_fees()
    {
        Assert.Equal(-2.25m, AccountMath.CashChange(EsHolding(2, 5_000m), BuyEs(1, 5_030m, fees: 2.25m)));
    }

    [Fact]
    public void Closing_a_future_settles_its_realized_pnl_into_cash()
    {
        // (5010 − 5000)·2·50 − 4.50
        Assert.Equal(995.50m, AccountMath.CashChange(EsHolding(2, 5_000m), SellEs(2, 5_010m, fees: 4.50m)));
    }

    [Theory]
    [InlineData(AssetType.Equity)]
    [InlineData(AssetType.Option)]
    [InlineData(AssetType.Future)]
    public void Closing_at_the_mark_changes_equity_only_by_the_fees(AssetType assetType)
    {
        // Whatever moves between cash and positions, a close at the mark must not create or destroy equity.
        var multiplier = assetType switch { AssetType.Equity => 1m, AssetType.Option => 100m, _ => EsMultiplier };
        var position = Holding(3, 40m, "X", assetType, multiplier);
        var close = Sell(3, 47m, fees: 2m, symbol: "X", assetType: assetType, multiplier: multiplier);
        const decimal cash = 10_000m;

        var before = AccountMath.Equity(cash, [new MarkedPosition(position, 47m)]);
        var after = AccountMath.Equity(cash + AccountMath.CashChange(position, close), []);

        Assert.Equal(before - 2m, after);
    }

    [Fact]
    public void A_futures_round_trip_leaves_cash_up_by_the_net_realized_pnl()
    {
        var open = BuyEs(2, 5_000m, fees: 4.50m);
        var opened = PositionMath.ApplyFill(null, open);
        var close = SellEs(2, 5_010m, fees: 4.50m);

        var cash = 100_000m + AccountMath.CashChange(null, open) + AccountMath.CashChange(opened.Position, close);

        Assert.Equal(100_991m, cash); // 1 000 − 9 of fees
    }
}
