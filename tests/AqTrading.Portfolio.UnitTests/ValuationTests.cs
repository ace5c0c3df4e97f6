using AqTrading.Portfolio.Accounting;
using static AqTrading.Portfolio.UnitTests.Trades;

namespace AqTrading.Portfolio.UnitTests;

public sealed class ValuationTests
{
    [Fact]
    public void Market_value_of_a_long_is_quantity_times_mark()
    {
        Assert.Equal(15_500m, Valuation.MarketValue(Holding(100, 150m), 155m));
    }

    [Fact]
    public void Market_value_of_a_short_is_negative()
    {
        Assert.Equal(-1_000m, Valuation.MarketValue(Holding(-50, 20m), 20m));
    }

    [Fact]
    public void Option_market_value_uses_the_100_multiplier()
    {
        Assert.Equal(620m, Valuation.MarketValue(OptionHolding(2, 3m), 3.10m)); // 2·3.10·100
    }

    [Fact]
    public void Unrealized_pnl_of_a_long_is_mark_minus_cost_times_quantity()
    {
        Assert.Equal(500m, Valuation.UnrealizedPnl(Holding(100, 150m), 155m));
    }

    [Fact]
    public void A_short_gains_when_the_mark_falls()
    {
        Assert.Equal(100m, Valuation.UnrealizedPnl(Holding(-50, 20m), 18m)); // (18 − 20)·(−50)
        Assert.Equal(-150m, Valuation.UnrealizedPnl(Holding(-50, 20m), 23m));
    }

    [Fact]
    public void Option_unrealized_pnl_uses_the_100_multiplier()
    {
        Assert.Equal(20m, Valuation.UnrealizedPnl(OptionHolding(2, 3m), 3.10m)); // 0.10·2·100
    }

    [Fact]
    public void Futures_unrealized_pnl_uses_the_contract_multiplier()
    {
        Assert.Equal(-1_000m, Valuation.UnrealizedPnl(EsHolding(2, 5_000m), 4_990m)); // −10 points·2·50
    }

    [Fact]
    public void A_marked_position_values_itself_like_valuation_does()
    {
        var marked = new MarkedPosition(EsHolding(-1, 5_000m), 5_004m);

        Assert.Equal(-250_200m, marked.MarketValue);
        Assert.Equal(-200m, marked.UnrealizedPnl);
    }

    [Fact]
    public void Gross_exposure_counts_shorts_as_positive_and_net_exposure_lets_them_offset()
    {
        var book = new[]
        {
            new MarkedPosition(Holding(100, 150m), 155m),                 // 15 500
            new MarkedPosition(Holding(-50, 20m, symbol: "XYZ"), 20m),    // −1 000
            new MarkedPosition(OptionHolding(2, 3m), 3.10m),              //    620
        };

        Assert.Equal(17_120m, Valuation.GrossExposure(book));
        Assert.Equal(15_120m, Valuation.NetExposure(book));
    }

    [Fact]
    public void An_empty_book_has_no_exposure()
    {
        Assert.Equal(0m, Valuation.GrossExposure([]));
        Assert.Equal(0m, Valuation.NetExposure([]));
        Assert.Empty(Valuation.ExposureBySymbol([]));
    }

    [Fact]
    public void Exposure_per_symbol_sums_across_strategies_and_manual_trades()
    {
        var book = new[]
        {
            new MarkedPosition(Holding(100, 150m, strategy: "momentum"), 155m),        // 15 500
            new MarkedPosition(Holding(-30, 160m, strategy: "mean-reversion"), 155m),  // −4 650
            new MarkedPosition(Holding(10, 140m), 155m),                               //  1 550, manual
            new MarkedPosition(Holding(5, 380m, symbol: "MSFT"), 400m),                //  2 000
        };

        Assert.Equal(12_400m, Valuation.Exposure(book, Stock));
        Assert.Equal(2_000m, Valuation.Exposure(book, "MSFT"));
        Assert.Equal(0m, Valuation.Exposure(book, "GOOGL"));

        var bySymbol = Valuation.ExposureBySymbol(book);
        Assert.Equal(2, bySymbol.Count);
        Assert.Equal(12_400m, bySymbol[Stock]);
        Assert.Equal(2_000m, bySymbol["MSFT"]);
    }
}
