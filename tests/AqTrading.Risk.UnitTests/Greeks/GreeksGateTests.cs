using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Risk.Rules.Greeks;

namespace AqTrading.Risk.UnitTests.Greeks;

public sealed class GreeksGateTests
{
    private static readonly DateTimeOffset Now = ExpiryWindow.NewYorkInstant(new DateOnly(2026, 12, 17), new TimeOnly(16, 0));
    private static readonly GreeksGateSettings FailOpen = GreeksGateSettings.Default;
    private static readonly GreeksGateSettings FailClosed = GreeksGateSettings.Default with { FailClosed = true };
    private static readonly GreeksSettings Settings = new(DefaultVolatility: 0.20, RiskFreeRate: 0.05);

    private static GreeksAggregate Book(double dollarDelta, double gammaDollar = 0, double ageSeconds = 1) =>
        new(new DollarGreeks(dollarDelta, gammaDollar, 0, 0), 1, 1, 0, 0, Now.AddSeconds(-ageSeconds));

    [Fact]
    public void An_order_within_the_hard_limits_is_approved_with_the_projection()
    {
        var result = GreeksGate.Evaluate(Book(150_000), new DollarGreeks(40_000, 0, 0, 0), GreeksLimits.Default, FailOpen, Now);

        Assert.Equal(GreeksGateOutcome.Approved, result.Outcome);
        Assert.Equal(190_000, result.Projected!.Value.DollarDelta);
    }

    [Fact]
    public void Pushing_dollar_delta_past_the_hard_limit_is_rejected_naming_the_dimension()
    {
        var result = GreeksGate.Evaluate(Book(150_000), new DollarGreeks(60_000, 0, 0, 0), GreeksLimits.Default, FailOpen, Now);

        Assert.Equal(GreeksGateOutcome.Rejected, result.Outcome);
        Assert.Equal("greeks_limit", result.ReasonCode);
        Assert.Equal(["dollar_delta"], result.BreachDimensions);
        Assert.Contains("dollar_delta 210,000 (limit ±200,000)", result.Message);
    }

    [Fact]
    public void The_comparison_is_on_absolute_values_and_every_breached_dimension_is_named()
    {
        var result = GreeksGate.Evaluate(Book(-150_000, -9_000), new DollarGreeks(-60_000, -2_000, -50_000, 0), GreeksLimits.Default,
            FailOpen, Now);

        Assert.Equal(["dollar_delta", "gamma_dollar", "vega_per_1pct"], result.BreachDimensions);
    }

    [Fact]
    public void An_order_that_brings_a_breached_dimension_back_towards_zero_is_not_blocked_by_it()
    {
        var result = GreeksGate.Evaluate(Book(260_000), new DollarGreeks(-30_000, 0, 0, 0), GreeksLimits.Default, FailOpen, Now);

        Assert.Equal(GreeksGateOutcome.Approved, result.Outcome);
    }

    [Fact]
    public void Stale_greeks_let_the_order_proceed_with_a_warning_by_default()
    {
        var result = GreeksGate.Evaluate(Book(150_000, ageSeconds: 61), new DollarGreeks(500_000, 0, 0, 0), GreeksLimits.Default, FailOpen, Now);

        Assert.Equal(GreeksGateOutcome.ApprovedWithWarning, result.Outcome);
        Assert.True(result.Approved);
        Assert.Equal("greeks_data_stale", result.ReasonCode);
        Assert.Equal(61, result.StalenessSeconds!.Value, 6);
    }

    [Fact]
    public void Stale_greeks_reject_the_order_in_fail_closed_mode()
    {
        var result = GreeksGate.Evaluate(Book(0, ageSeconds: 61), new DollarGreeks(1, 0, 0, 0), GreeksLimits.Default, FailClosed, Now);

        Assert.Equal(GreeksGateOutcome.Rejected, result.Outcome);
        Assert.Equal("greeks_data_stale", result.ReasonCode);
    }

    [Fact]
    public void Greeks_at_the_staleness_limit_are_still_fresh()
    {
        var result = GreeksGate.Evaluate(Book(0, ageSeconds: 60), new DollarGreeks(1, 0, 0, 0), GreeksLimits.Default, FailClosed, Now);

        Assert.Equal(GreeksGateOutcome.Approved, result.Outcome);
    }

    [Fact]
    public void Unavailable_greeks_warn_by_default_and_reject_when_fail_closed()
    {
        Assert.Equal(GreeksGateOutcome.ApprovedWithWarning,
            GreeksGate.Evaluate(null, new DollarGreeks(1, 0, 0, 0), GreeksLimits.Default, FailOpen, Now).Outcome);
        var closed = GreeksGate.Evaluate(null, new DollarGreeks(1, 0, 0, 0), GreeksLimits.Default, FailClosed, Now);
        Assert.Equal(GreeksGateOutcome.Rejected, closed.Outcome);
        Assert.Equal("greeks_data_unavailable", closed.ReasonCode);
        var noImpact = GreeksGate.Evaluate(Book(0), null, GreeksLimits.Default, FailClosed, Now);
        Assert.Equal("greeks_data_unavailable", noImpact.ReasonCode);
        Assert.False(noImpact.Approved);
    }

    [Fact]
    public void The_order_impact_comes_from_the_real_contract_call_or_put()
    {
        // 10 contracts of the 1-year ATM option of DollarGreeksTests: Δ$ per contract +6,368.31 (call), −3,631.69 (put).
        var call = OrderGreeks.Impact("XYZ271217C00100000", 10, 100, 10.45, underlyingPrice: 100, volatility: null, Settings, Now)!.Value;
        var put = OrderGreeks.Impact("XYZ271217P00100000", 10, 100, 5.57, underlyingPrice: 100, volatility: null, Settings, Now)!.Value;
        var sellPut = OrderGreeks.Impact("XYZ271217P00100000", -10, 100, 5.57, underlyingPrice: 100, volatility: null, Settings, Now)!.Value;

        Assert.Equal(63_683.1, call.DollarDelta, 0);
        Assert.Equal(-36_316.9, put.DollarDelta, 0);
        Assert.Equal(36_316.9, sellPut.DollarDelta, 0);
        Assert.Equal(187_620, put.GammaDollar, tolerance: 1);
        Assert.Null(OrderGreeks.Impact("XYZ271217P00100000", 10, 100, 5.57, underlyingPrice: null, volatility: null, Settings, Now));
        Assert.Equal(-5_000, OrderGreeks.Impact("ABC", -100, 1, 50, null, null, Settings, Now)!.Value.DollarDelta, 9);
    }

    [Fact]
    public void A_put_order_that_would_breach_as_a_call_passes_as_the_put_it_is()
    {
        var book = Book(150_000);
        var asPut = OrderGreeks.Impact("XYZ271217P00100000", 10, 100, 5.57, 100, null, Settings, Now);
        var asCall = OrderGreeks.Impact("XYZ271217C00100000", 10, 100, 10.45, 100, null, Settings, Now);

        // Ten ATM contracts carry Γ$ ≈ 187,620 whichever the right: only delta is under test here.
        var limits = GreeksLimits.Default with { GammaDollar = new GreekLevels(1e6, 2e6, 3e6) };

        Assert.Equal(GreeksGateOutcome.Approved, GreeksGate.Evaluate(book, asPut, limits, FailOpen, Now).Outcome);
        var rejected = GreeksGate.Evaluate(book, asCall, limits, FailOpen, Now);
        Assert.Equal(GreeksGateOutcome.Rejected, rejected.Outcome);
        Assert.Equal(["dollar_delta"], rejected.BreachDimensions);
    }
}
