using AqTrading.Risk.Rules;
using static AqTrading.Risk.UnitTests.Scenario;

namespace AqTrading.Risk.UnitTests;

public sealed class ExposureLedgerTests
{
    [Fact]
    public async Task Fifty_concurrent_orders_never_exceed_the_notional_limit_together()
    {
        var ledger = new ExposureLedger();
        var context = Context(Account(equity: 10_000_000m));
        var limits = new RiskLimits { MaxPositionValue = 10_000m };
        // Each $1,000 order passes alone; only ten fit under $10,000.
        var orders = Enumerable.Range(0, 50).Select(_ => Buy(10, 100m)).ToList();

        var decisions = await Task.WhenAll(orders.Select(o => Task.Run(() => ledger.Decide(o, context, limits))));

        Assert.Equal(10, decisions.Count(d => d.Approved));
        Assert.All(decisions.Where(d => !d.Approved), d => Assert.Equal("position_limit_notional", d.ReasonCode));
        Assert.Equal(100m, ledger.ReservedFor("paper", "AAPL").SymbolQuantity);
    }

    [Fact]
    public void A_cancel_or_reject_releases_the_reservation()
    {
        var ledger = new ExposureLedger();
        var limits = new RiskLimits { MaxPositionValue = 1_000m };
        var context = Context(Account(equity: 1_000_000m));
        var first = Buy(10, 100m);
        Assert.True(ledger.Decide(first, context, limits).Approved);
        Assert.False(ledger.Decide(Buy(1, 100m), context, limits).Approved);

        ledger.Completed(first.OrderId, filledQuantity: 0);

        Assert.True(ledger.Decide(Buy(10, 100m), context, limits).Approved);
    }

    [Fact]
    public void A_booked_partial_fill_moves_only_that_part_out_of_the_reservation_once()
    {
        var ledger = new ExposureLedger();
        var order = Buy(10, 100m);
        ledger.Decide(order, Context(Account(equity: 1_000_000m)), new RiskLimits());

        ledger.Booked(order.OrderId, "F1", 4);
        ledger.Booked(order.OrderId, "F1", 4); // the same fill delivered again

        var reserved = ledger.ReservedFor("paper", "AAPL");
        Assert.Equal(6m, reserved.SymbolQuantity);
        Assert.Equal(600m, reserved.BuyNotional);
        ledger.Booked(order.OrderId, "F2", 6);
        Assert.Equal(0, ledger.WorkingOrders);
    }

    [Fact]
    public void A_cancelled_order_keeps_its_unbooked_fills_reserved_until_the_portfolio_books_them()
    {
        var ledger = new ExposureLedger();
        var order = Buy(10, 100m);
        ledger.Decide(order, Context(Account(equity: 1_000_000m)), new RiskLimits());

        // Cancelled after 5 filled; the portfolio has booked 2 of them so far.
        ledger.Booked(order.OrderId, "F1", 2);
        ledger.Completed(order.OrderId, filledQuantity: 5);

        Assert.Equal(3m, ledger.ReservedFor("paper", "AAPL").SymbolQuantity);
        ledger.Booked(order.OrderId, "F2", 3);
        Assert.Equal(0, ledger.WorkingOrders);
    }

    [Fact]
    public void Working_buys_use_up_buying_power()
    {
        var ledger = new ExposureLedger();
        var context = Context(Account(equity: 1_000_000m, buyingPower: 5_000m));
        var limits = new RiskLimits();

        Assert.True(ledger.Decide(Buy(30, 100m, symbol: "A"), context, limits).Approved);
        Assert.Equal("buying_power", ledger.Decide(Buy(30, 100m, symbol: "B"), context, limits).ReasonCode);
    }

    [Fact]
    public void Working_closes_count_against_what_is_left_to_close()
    {
        var ledger = new ExposureLedger();
        var context = Context(Account(positions: Holding("AAPL", 100, 100m)), state: TradingState.Reducing);
        var limits = new RiskLimits();

        Assert.True(ledger.Decide(Sell(60, 100m), context, limits).Approved);
        // 40 left to close: a second 60-share sell would open a short, which reducing forbids.
        Assert.Equal("trading_reducing", ledger.Decide(Sell(60, 100m), context, limits).ReasonCode);
        Assert.True(ledger.Decide(Sell(40, 100m), context, limits).Approved);
    }

    [Fact]
    public void Accounts_do_not_share_reservations()
    {
        var ledger = new ExposureLedger();
        var limits = new RiskLimits { MaxPositionValue = 1_000m };
        ledger.Decide(Buy(10, 100m), Context(Account(equity: 1_000_000m)), limits);

        var other = new OrderIntent("o2", "other", "s1", "AAPL", Side.Buy, 10, 100m);
        var otherContext = Context(Account(equity: 1_000_000m) with { AccountId = "other" });

        Assert.True(ledger.Decide(other, otherContext, limits).Approved);
    }

    [Fact]
    public void Reserved_totals_follow_fills_and_cancels_back_to_nothing()
    {
        var ledger = new ExposureLedger();
        var context = Context(Account(equity: 10_000_000m));
        var limits = new RiskLimits();
        var buy = Buy(10, 100m, symbol: "A");
        var other = Buy(5, 20m, symbol: "B");
        var sell = Sell(4, 100m, symbol: "A");
        Assert.True(ledger.Decide(buy, context, limits).Approved);
        Assert.True(ledger.Decide(other, context, limits).Approved);
        Assert.Equal(2, ledger.ReservedFor("paper", "A").NewPositions);
        Assert.True(ledger.Decide(sell, context, limits).Approved);

        var reserved = ledger.ReservedFor("paper", "A");
        Assert.Equal(6m, reserved.SymbolQuantity);
        Assert.Equal(1_000m + 100m, reserved.BuyNotional);

        ledger.Booked(buy.OrderId, "F1", 3);
        Assert.Equal(3m, ledger.ReservedFor("paper", "A").SymbolQuantity);
        Assert.Equal(700m + 100m, ledger.ReservedFor("paper", "A").BuyNotional);

        ledger.Completed(buy.OrderId, filledQuantity: 3);
        ledger.Completed(other.OrderId, filledQuantity: 0);
        ledger.Completed(sell.OrderId, filledQuantity: 0);

        Assert.Equal(0, ledger.WorkingOrders);
        Assert.Equal(default, ledger.ReservedFor("paper", "A"));
        Assert.Equal(default, ledger.ReservedFor("paper", "B"));
    }
}
