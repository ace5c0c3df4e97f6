using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Derivatives.Pricing.Options;
using AqTrading.Risk.Rules.Greeks;

namespace AqTrading.Risk.UnitTests.Greeks;

public sealed class DollarGreeksTests
{
    // 16:00 New York on 2026-12-17, exactly 365 days (T = 1 year, ACT/365) before the expiry 2027-12-17 at 16:00.
    private static readonly DateTimeOffset Now = ExpiryWindow.NewYorkInstant(new DateOnly(2026, 12, 17), new TimeOnly(16, 0));
    private static readonly GreeksSettings Settings = new(DefaultVolatility: 0.20, RiskFreeRate: 0.05);

    [Fact]
    public void Dollar_greeks_scale_delta_by_quantity_multiplier_and_spot_and_gamma_by_spot_squared()
    {
        var perUnit = new OptionGreeks(Price: 5, Delta: 0.5, Gamma: 0.02, Vega: 0.15, Theta: -10.95, ThetaPerDay: -0.03, Rho: 0.1);

        var dollar = PortfolioGreeks.Dollar(perUnit, units: 10 * 100, spot: 200);

        Assert.Equal(100_000, dollar.DollarDelta, 6);   // 0.5 · 10 · 100 · 200
        Assert.Equal(800_000, dollar.GammaDollar, 6);   // 0.02 · 10 · 100 · 200²
        Assert.Equal(150, dollar.VegaPer1Pct, 6);       // 0.15 · 10 · 100
        Assert.Equal(-30, dollar.ThetaPerDay, 6);       // -0.03 · 10 · 100
        Assert.Equal(40, dollar.GammaPnl1Pct, 6);       // ½ · 800,000 · 0.01²
    }

    // S = K = 100, r = 5 %, σ = 20 %, T = 1: d1 = (r + σ²/2)T / σ√T = 0.35, d2 = 0.15, N(d1) = 0.636831,
    // φ(d1) = 0.375240, N(d2) = 0.559618 — so per contract (×100): Δ$ = 0.636831·100·100 = 6,368.31,
    // Γ$ = φ(d1)/(Sσ√T)·100·100² = 18,762.0, vega/1% = S·φ(d1)·√T·0.01·100 = 37.524,
    // Θ/day = (−Sφ(d1)σ/(2√T) − rKe^(−rT)N(d2))/365·100 = −1.75727.
    [Fact]
    public void A_long_call_position_is_priced_from_its_occ_symbol_and_the_underlying_quote()
    {
        var prices = new Dictionary<string, MarketPrice> { ["XYZ"] = new(100, Now) };

        var leg = PortfolioGreeks.Price(new GreeksPosition("XYZ271217C00100000", "s1", 1), prices, Settings, Now);

        Assert.True(leg.Valid);
        Assert.Equal("XYZ", leg.Underlying);
        Assert.Equal("default", leg.VolatilitySource);
        Assert.Equal(6_368.31, leg.Greeks.DollarDelta, 1);
        Assert.Equal(18_762.0, leg.Greeks.GammaDollar, 0);
        Assert.Equal(37.524, leg.Greeks.VegaPer1Pct, 2);
        Assert.Equal(-1.75727, leg.Greeks.ThetaPerDay, 3);
    }

    [Fact]
    public void A_put_is_valued_as_a_put_with_negative_delta_and_a_short_position_flips_the_sign()
    {
        var prices = new Dictionary<string, MarketPrice> { ["XYZ"] = new(100, Now) };

        var longPut = PortfolioGreeks.Price(new GreeksPosition("XYZ271217P00100000", null, 1), prices, Settings, Now);
        var shortCall = PortfolioGreeks.Price(new GreeksPosition("XYZ271217C00100000", null, -2), prices, Settings, Now);

        // Put Δ = N(d1) − 1 = −0.363169; gamma is the same as the call's.
        Assert.Equal(-3_631.69, longPut.Greeks.DollarDelta, 1);
        Assert.Equal(18_762.0, longPut.Greeks.GammaDollar, 0);
        Assert.Equal(-2 * 6_368.31, shortCall.Greeks.DollarDelta, 1);
        Assert.Equal(-2 * 18_762.0, shortCall.Greeks.GammaDollar, 0);
    }

    [Fact]
    public void The_option_quote_implies_the_volatility_used()
    {
        // The BSM price of the call above at σ = 20 % is 10.4506: that quote implies 20 % back even with a 50 % default.
        var prices = new Dictionary<string, MarketPrice> { ["XYZ"] = new(100, Now), ["XYZ271217C00100000"] = new(10.4506, Now) };

        var leg = PortfolioGreeks.Price(new GreeksPosition("XYZ271217C00100000", null, 1), prices, Settings with { DefaultVolatility = 0.5 }, Now);

        Assert.Equal("implied", leg.VolatilitySource);
        Assert.Equal(0.20, leg.Volatility!.Value, 4);
        Assert.Equal(6_368.31, leg.Greeks.DollarDelta, 0);
    }

    [Fact]
    public void Aggregates_sum_valid_legs_per_strategy_and_underlying_with_coverage_and_the_oldest_quote_as_of()
    {
        var old = Now.AddSeconds(-90);
        var prices = new Dictionary<string, MarketPrice> { ["XYZ"] = new(100, Now), ["ABC"] = new(50, old) };
        GreeksPosition[] positions =
        [
            new("XYZ271217C00100000", "s1", 1),
            new("ABC", "s2", 100),                   // stock: Δ$ = 100 · 50
            new("QQQ271217C00400000", null, 1),      // no underlying quote: not priced
        ];

        var greeks = PortfolioGreeks.Compute("paper", positions, prices, Settings, Now);

        Assert.Equal(6_368.31 + 5_000, greeks.Account.Greeks.DollarDelta, 1);
        Assert.Equal(2, greeks.Account.ValidLegs);
        Assert.Equal(3, greeks.Account.TotalLegs);
        Assert.Equal(200.0 / 3, greeks.Account.CoveragePct, 6);
        Assert.False(greeks.Account.IsCoverageSufficient);
        Assert.Equal(old, greeks.Account.AsOf);
        Assert.Equal(90, greeks.Account.StalenessSeconds(Now), 6);
        Assert.Equal(5_000, greeks.Strategies["s2"].Greeks.DollarDelta, 6);
        Assert.Equal(0, greeks.Strategies[AccountGreeks.Unassigned].ValidLegs);
        Assert.Equal(6_368.31, greeks.Underlyings["XYZ"].Greeks.DollarDelta, 1);
        Assert.Contains("QQQ", greeks.Positions[2].Warning);
    }

    [Fact]
    public void Futures_are_delta_one_times_the_contract_multiplier()
    {
        var prices = new Dictionary<string, MarketPrice> { ["ESH27"] = new(5_000, Now) };

        var leg = PortfolioGreeks.Price(new GreeksPosition("ESH27", null, 2), prices, Settings, Now);

        Assert.Equal("future", leg.Kind);
        Assert.Equal(2 * 50 * 5_000, leg.Greeks.DollarDelta, 6);  // ES: $50 per point
    }

    [Fact]
    public void Scenario_shocks_follow_delta_and_gamma()
    {
        // Δ$ 50,000, Γ$ 2,000: +1 % → 500 from delta, ½·2,000·0.01² = 0.1 from gamma, new Δ$ 50,000 + 2,000·0.01 = 50,020.
        var results = GreeksScenarios.Run(new DollarGreeks(50_000, 2_000, 0, 0), [1, 2], GreeksLimits.Default.DollarDelta);

        var up1 = results.Single(r => r.Shock == "+1%");
        Assert.Equal(500, up1.PnlFromDelta, 9);
        Assert.Equal(0.1, up1.PnlFromGamma, 9);
        Assert.Equal(500.1, up1.PnlImpact, 9);
        Assert.Equal(50_020, up1.NewDollarDelta, 9);
        var down2 = results.Single(r => r.Shock == "-2%");
        Assert.Equal(-1_000, down2.PnlFromDelta, 9);
        Assert.Equal(0.4, down2.PnlFromGamma, 9);
        Assert.Equal(49_960, down2.NewDollarDelta, 9);
        Assert.Equal("none", down2.BreachLevel);
        Assert.Equal("hard", GreeksScenarios.Run(new DollarGreeks(199_000, 200_000, 0, 0), [1], GreeksLimits.Default.DollarDelta)[0].BreachLevel);
    }

    [Fact]
    public void Limits_need_warn_below_crit_below_hard_and_name_each_bad_field()
    {
        var ok = new GreekLevels(1, 2, 3);

        var errors = GreeksLimits.Validate(ok, new GreekLevels(5, 5, 10), null, new GreekLevels(-1, 2, 3));

        Assert.Equal(["gammaDollar.crit", "thetaPerDay.warn", "vegaPer1Pct"], errors.Keys.Order().ToArray());
        Assert.Empty(GreeksLimits.Validate(ok, ok, ok, ok));
        Assert.NotEmpty(GreeksLimits.Validate(ok, ok, ok, new GreekLevels(1, 2, 2)));
    }
}
