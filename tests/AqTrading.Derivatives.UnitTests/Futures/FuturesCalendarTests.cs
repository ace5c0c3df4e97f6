using AqTrading.Derivatives.Pricing.Futures;

namespace AqTrading.Derivatives.UnitTests.Futures;

public sealed class FuturesCalendarTests
{
    [Theory]
    [InlineData("ES", "ESZ24", "ESH25")]   // quarterly, across the year end (the seed said ESJ25-style next month)
    [InlineData("ES", "ESH24", "ESM24")]   // not ESJ24: April is not listed
    [InlineData("NQ", "NQU25", "NQZ25")]
    [InlineData("ZB", "ZBM25", "ZBU25")]
    [InlineData("CL", "CLZ24", "CLF25")]   // monthly
    [InlineData("CL", "CLF25", "CLG25")]
    [InlineData("GC", "GCZ24", "GCG25")]   // G J M Q V Z
    [InlineData("GC", "GCJ25", "GCM25")]
    [InlineData("GC", "GCQ25", "GCV25")]
    public void Next_contract_follows_the_listing_cycle(string root, string current, string expected)
    {
        Assert.True(FuturesContract.TryParse(current, root, out var contract));
        Assert.Equal(expected, FuturesCalendar.Next(contract).Symbol);
    }

    [Fact]
    public void A_configured_cycle_overrides_the_default()
    {
        Assert.True(FuturesContract.TryParse("ESZ24", "ES", out var es));
        Assert.Equal("ESF25", FuturesCalendar.Next(es, new Dictionary<string, string> { ["ES"] = "FGHJKMNQUVXZ" }).Symbol);
    }

    [Theory]
    [InlineData("ESZ24", "ES", true)]
    [InlineData("ESZ2", "ES", false)]      // two-digit years only
    [InlineData("ESA24", "ES", false)]     // not a month code
    [InlineData("NQZ24", "ES", false)]     // another root
    [InlineData("MESZ24", "MES", true)]
    public void Parsing_needs_root_month_code_and_two_digit_year(string symbol, string root, bool ok)
    {
        Assert.Equal(ok, FuturesContract.TryParse(symbol, root, out var contract));
        if (ok)
        {
            Assert.Equal(symbol, contract.Symbol);
        }
    }
}

public sealed class RollPlannerTests
{
    private static readonly IReadOnlyDictionary<string, RollRule> Rules = new Dictionary<string, RollRule>
    {
        ["ES"] = new(RollStrategy.CalendarSpread, 5),
        ["CL"] = new(RollStrategy.CloseOpen, 3),
        ["ZB"] = new(RollStrategy.CalendarSpread, 7),
    };

    private static readonly RollRule Default = new(RollStrategy.CalendarSpread, 5);

    [Fact]
    public void A_long_ES_position_five_days_before_expiry_rolls_into_the_March_contract()
    {
        var expiry = new DateOnly(2024, 12, 20);
        var position = new FuturesPosition("paper", null, "ESZ24", "ES", expiry, 2, 50);

        var plan = Assert.Single(RollPlanner.Plan([position], new DateOnly(2024, 12, 15), Rules, Default));

        Assert.True(plan.Due);
        Assert.Equal("ESH25", plan.ToSymbol);
        Assert.Equal(new DateOnly(2024, 12, 15), plan.RollDate);
        Assert.Equal(5, plan.DaysToExpiry);
        Assert.Equal(RollStrategy.CalendarSpread, plan.Strategy);
        Assert.Equal([new RollLeg("ESZ24", "sell", 2, "close"), new RollLeg("ESH25", "buy", 2, "open")], plan.Legs);
    }

    [Fact]
    public void The_day_before_the_roll_date_it_is_planned_but_not_due()
    {
        var position = new FuturesPosition("paper", null, "ESZ24", "ES", new DateOnly(2024, 12, 20), 1, 50);
        Assert.False(RollPlanner.Plan([position], new DateOnly(2024, 12, 14), Rules, Default)[0].Due);
    }

    [Fact]
    public void Per_root_rules_apply_CL_close_open_3_days_ZB_7_days_and_shorts_buy_back_first()
    {
        var today = new DateOnly(2025, 3, 10);
        var plans = RollPlanner.Plan(
        [
            new FuturesPosition("paper", "s1", "CLJ25", "CL", new DateOnly(2025, 3, 20), -3, 1000),
            new FuturesPosition("paper", null, "ZBM25", "ZB", new DateOnly(2025, 6, 18), 1, 1000),
            new FuturesPosition("paper", null, "GCJ25", "GC", new DateOnly(2025, 4, 28), 1, 100),
        ], today, Rules, Default);

        var cl = plans.Single(p => p.Root == "CL");
        Assert.Equal(RollStrategy.CloseOpen, cl.Strategy);
        Assert.Equal(new DateOnly(2025, 3, 17), cl.RollDate);
        Assert.Equal("CLK25", cl.ToSymbol);
        Assert.Equal([new RollLeg("CLJ25", "buy", 3, "close"), new RollLeg("CLK25", "sell", 3, "open")], cl.Legs);

        Assert.Equal(new DateOnly(2025, 6, 11), plans.Single(p => p.Root == "ZB").RollDate);
        var gc = plans.Single(p => p.Root == "GC");
        Assert.Equal("GCM25", gc.ToSymbol);
        Assert.Equal(new DateOnly(2025, 4, 23), gc.RollDate); // the default rule: 5 days
        Assert.Equal(["CLJ25", "GCJ25", "ZBM25"], plans.Select(p => p.FromSymbol)); // soonest expiry first
    }

    [Fact]
    public void Expired_and_flat_positions_are_not_planned()
    {
        var plans = RollPlanner.Plan(
        [
            new FuturesPosition("paper", null, "ESZ24", "ES", new DateOnly(2024, 12, 20), 1, 50),
            new FuturesPosition("paper", null, "ESH25", "ES", new DateOnly(2025, 3, 21), 0, 50),
        ], new DateOnly(2024, 12, 21), Rules, Default);
        Assert.Empty(plans);
    }
}
