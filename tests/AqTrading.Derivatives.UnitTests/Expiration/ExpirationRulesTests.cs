using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.UnitTests.Expiration;

public sealed class ExpirationRulesTests
{
    [Fact]
    public void A_long_call_in_the_money_is_exercised_into_shares_bought_at_the_strike()
    {
        var settlement = ExpirationRules.Settle(OptionRight.Call, 150m, 2, 100, 160m);
        Assert.Equal(ExpirationOutcome.Exercised, settlement.Outcome);
        Assert.Equal(200m, settlement.ShareQuantity);
        Assert.Equal("buy", settlement.ShareSide);
        Assert.Equal(-30_000m, settlement.CashChange);
    }

    [Fact]
    public void A_short_call_in_the_money_is_assigned_and_sells_shares()
    {
        // The seed's pinned case: qty −1, S 160, K 150 → sell 100 shares, cash +15,000.
        var settlement = ExpirationRules.Settle(OptionRight.Call, 150m, -1, 100, 160m);
        Assert.Equal(ExpirationOutcome.Assigned, settlement.Outcome);
        Assert.Equal(-100m, settlement.ShareQuantity);
        Assert.Equal("sell", settlement.ShareSide);
        Assert.Equal(15_000m, settlement.CashChange);
    }

    [Fact]
    public void A_short_put_in_the_money_is_assigned_and_buys_shares()
    {
        var settlement = ExpirationRules.Settle(OptionRight.Put, 100m, -3, 100, 90m);
        Assert.Equal(ExpirationOutcome.Assigned, settlement.Outcome);
        Assert.Equal(300m, settlement.ShareQuantity);
        Assert.Equal(-30_000m, settlement.CashChange);
    }

    [Fact]
    public void A_long_put_in_the_money_is_exercised_and_sells_shares()
    {
        var settlement = ExpirationRules.Settle(OptionRight.Put, 100m, 1, 100, 90m);
        Assert.Equal(ExpirationOutcome.Exercised, settlement.Outcome);
        Assert.Equal(-100m, settlement.ShareQuantity);
        Assert.Equal(10_000m, settlement.CashChange);
    }

    [Theory]
    [InlineData(OptionRight.Call, 150, 150)]  // at the money is not in the money
    [InlineData(OptionRight.Put, 150, 150)]
    [InlineData(OptionRight.Call, 150, 149.99)]
    [InlineData(OptionRight.Put, 150, 150.01)]
    public void At_or_out_of_the_money_expires_worthless(OptionRight right, double strike, double underlying)
    {
        foreach (var quantity in new[] { 1m, -1m })
        {
            var settlement = ExpirationRules.Settle(right, (decimal)strike, quantity, 100, (decimal)underlying);
            Assert.Equal(ExpirationOutcome.ExpiredWorthless, settlement.Outcome);
            Assert.Equal(0m, settlement.ShareQuantity);
            Assert.Null(settlement.ShareSide);
            Assert.Equal(0m, settlement.CashChange);
        }
    }

    [Fact]
    public void Early_assignment_of_a_short_call_delivers_whatever_the_moneyness()
    {
        var settlement = ExpirationRules.Assign(OptionRight.Call, 50m, 2, 100);
        Assert.Equal(ExpirationOutcome.Assigned, settlement.Outcome);
        Assert.Equal(-200m, settlement.ShareQuantity);
        Assert.Equal(10_000m, settlement.CashChange);
    }

    [Fact]
    public void Nonsense_terms_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpirationRules.Settle(OptionRight.Call, 0, 1, 100, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpirationRules.Settle(OptionRight.Call, 10, 1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpirationRules.Assign(OptionRight.Call, 10, 0, 100));
    }
}

public sealed class ExpiryWindowTests
{
    [Theory]
    [InlineData(0, ExpirySeverity.Critical)]
    [InlineData(1, ExpirySeverity.Critical)]
    [InlineData(2, ExpirySeverity.Warning)]
    [InlineData(3, ExpirySeverity.Warning)]
    [InlineData(4, ExpirySeverity.Info)]
    [InlineData(30, ExpirySeverity.Info)]
    public void Severity_by_days_to_expiry(int days, ExpirySeverity expected) => Assert.Equal(expected, ExpiryWindow.SeverityOf(days));

    [Fact]
    public void The_trading_date_is_New_York_s_not_UTC_s()
    {
        // 02:30 UTC on 2 December is still 1 December in New York (EST, UTC−5); in July (EDT, UTC−4) likewise at 03:30.
        Assert.Equal(new DateOnly(2026, 12, 1), ExpiryWindow.NewYorkDate(new DateTimeOffset(2026, 12, 2, 2, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 7, 1), ExpiryWindow.NewYorkDate(new DateTimeOffset(2026, 7, 2, 3, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 7, 2), ExpiryWindow.NewYorkDate(new DateTimeOffset(2026, 7, 2, 4, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_close_in_New_York_follows_daylight_saving()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 18, 21, 0, 0, TimeSpan.Zero), ExpiryWindow.NewYorkInstant(new DateOnly(2026, 12, 18), new TimeOnly(16, 0)));
        Assert.Equal(new DateTimeOffset(2026, 6, 19, 20, 0, 0, TimeSpan.Zero), ExpiryWindow.NewYorkInstant(new DateOnly(2026, 6, 19), new TimeOnly(16, 0)));
    }

    [Fact]
    public void The_window_includes_today_and_the_last_day()
    {
        var today = new DateOnly(2026, 12, 1);
        Assert.True(ExpiryWindow.IsWithin(today, today, 0));
        Assert.True(ExpiryWindow.IsWithin(today.AddDays(5), today, 5));
        Assert.False(ExpiryWindow.IsWithin(today.AddDays(6), today, 5));
        Assert.False(ExpiryWindow.IsWithin(today.AddDays(-1), today, 5));
    }
}
