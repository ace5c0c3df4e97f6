using AqTrading.Risk.Rules;
using static AqTrading.Risk.UnitTests.Scenario;

namespace AqTrading.Risk.UnitTests;

public sealed class RiskEvaluatorTests
{
    private static readonly RiskLimits Defaults = new();

    private static RiskDecision Check(OrderIntent intent, RiskContext? context = null, RiskLimits? limits = null) =>
        RiskEvaluator.Evaluate(intent, context ?? Context(), limits ?? Defaults);

    [Fact]
    public void A_small_buy_passes_every_check_and_lists_them_in_order()
    {
        var decision = Check(Buy(20, 100m));

        Assert.True(decision.Approved);
        Assert.Equal(["trading_state", "strategy_paused", "symbol_allowed", "position_limits", "portfolio_limits", "loss_limits"],
            decision.ChecksPassed);
    }

    [Theory]
    [InlineData(TradingState.Halted, "trading_halted")]
    [InlineData(TradingState.Paused, "trading_paused")]
    [InlineData(TradingState.Reducing, "trading_reducing")]
    public void A_new_position_is_refused_unless_trading_is_running(TradingState state, string reason)
    {
        var decision = Check(Buy(10, 100m), Context(state: state));

        Assert.False(decision.Approved);
        Assert.Equal(reason, decision.ReasonCode);
        Assert.Empty(decision.ChecksPassed);
    }

    [Theory]
    [InlineData(TradingState.Paused)]
    [InlineData(TradingState.Reducing)]
    public void Closing_part_of_a_position_is_allowed_while_paused_or_reducing(TradingState state)
    {
        var account = Account(positions: Holding("AAPL", 100, 100m));

        Assert.True(Check(Sell(40, 100m), Context(account, state: state)).Approved);
    }

    [Fact]
    public void Selling_more_than_the_position_is_not_a_reduction_while_reducing()
    {
        var account = Account(positions: Holding("AAPL", 100, 100m));

        Assert.Equal("trading_reducing", Check(Sell(150, 100m), Context(account, state: TradingState.Reducing)).ReasonCode);
    }

    [Fact]
    public void Nothing_passes_a_halt_not_even_a_close()
    {
        var account = Account(positions: Holding("AAPL", 100, 100m));

        Assert.Equal("trading_halted", Check(Sell(100, 100m), Context(account, state: TradingState.Halted)).ReasonCode);
    }

    [Fact]
    public void A_paused_strategy_cannot_trade_but_others_can()
    {
        var context = Context(pausedStrategies: "s1");

        Assert.Equal("strategy_paused", Check(Buy(10, 100m, strategy: "s1"), context).ReasonCode);
        Assert.True(Check(Buy(10, 100m, strategy: "s2"), context).Approved);
    }

    [Fact]
    public void The_blocked_list_wins_over_the_allowed_list()
    {
        var limits = Defaults with
        {
            BlockedSymbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "TSLA" },
            AllowedSymbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "AAPL", "MSFT" },
        };

        Assert.Equal("symbol_blocked", Check(Buy(1, 100m, symbol: "TSLA"), limits: limits).ReasonCode);
        Assert.Equal("symbol_not_allowed", Check(Buy(1, 100m, symbol: "GOOG"), limits: limits).ReasonCode);
        Assert.True(Check(Buy(1, 100m, symbol: "msft"), limits: limits).Approved);
    }

    [Fact]
    public void Quantity_above_the_per_order_limit_is_rejected()
    {
        Assert.Equal("position_limit_quantity", Check(Buy(501, 1m)).ReasonCode);
        Assert.True(Check(Buy(500, 1m)).Approved);
    }

    [Fact]
    public void A_position_worth_more_than_the_notional_limit_is_rejected()
    {
        // $10,001 of stock; the quantity and percentage limits alone would pass it on a $1M account.
        var decision = Check(Buy(100, 100.01m), Context(Account(equity: 1_000_000m)));

        Assert.Equal("position_limit_notional", decision.ReasonCode);
    }

    [Fact]
    public void The_notional_limit_counts_the_existing_position()
    {
        var account = Account(equity: 1_000_000m, positions: Holding("AAPL", 90, 100m));

        Assert.Equal("position_limit_notional", Check(Buy(11, 100m), Context(account)).ReasonCode);
        Assert.True(Check(Buy(10, 100m), Context(account)).Approved);
    }

    [Fact]
    public void A_position_above_its_share_of_equity_is_rejected()
    {
        // $6,000 on $100,000 equity is 6 % > 5 %, under the $10,000 notional limit.
        Assert.Equal("position_limit_equity_pct", Check(Buy(60, 100m)).ReasonCode);
    }

    [Fact]
    public void Bias_one_half_halves_the_position_limits()
    {
        // Reference pins: bias 0.5 with a 100-share order limit rejects 60 shares…
        var limits = Defaults with { MaxQuantityPerOrder = 100 };
        Assert.Equal("position_limit_quantity", Check(Buy(60, 10m), Context(bias: 0.5m), limits).ReasonCode);
        // …passes 20 shares at $100 on $100k (2 % < 2.5 %)…
        Assert.True(Check(Buy(20, 100m), Context(bias: 0.5m), limits).Approved);
        // …and a $6,000 order breaches the halved $5,000 notional limit.
        Assert.Equal("position_limit_notional", Check(Buy(60, 100m), Context(Account(equity: 1_000_000m), bias: 0.5m)).ReasonCode);
    }

    [Fact]
    public void Bias_above_one_raises_the_limits()
    {
        var limits = Defaults with { MaxQuantityPerOrder = 50 };

        Assert.Equal("position_limit_quantity", Check(Buy(70, 1m), Context(bias: 1m), limits).ReasonCode);
        Assert.True(Check(Buy(70, 1m), Context(bias: 1.5m), limits).Approved);
    }

    [Fact]
    public void A_sell_that_reduces_a_position_passes_the_limits_even_at_a_tiny_bias()
    {
        var account = Account(positions: Holding("AAPL", 1_000, 100m));

        Assert.True(Check(Sell(1_000, 100m), Context(account, bias: 0.1m)).Approved);
    }

    [Fact]
    public void A_short_sale_is_held_to_the_position_limits()
    {
        Assert.Equal("position_limit_quantity", Check(Sell(600, 1m)).ReasonCode);
    }

    [Fact]
    public void An_unknown_account_is_rejected()
    {
        var context = Context() with { Account = null };

        Assert.Equal("account_unknown", Check(Buy(1, 100m), context).ReasonCode);
    }

    [Fact]
    public void A_new_position_beyond_the_position_count_is_rejected_but_adding_to_one_is_not()
    {
        var limits = Defaults with { MaxPositions = 2 };
        var account = Account(equity: 1_000_000m, positions: [Holding("AAPL", 10, 100m), Holding("MSFT", 10, 100m)]);

        Assert.Equal("max_positions", Check(Buy(1, 100m, symbol: "GOOG"), Context(account), limits).ReasonCode);
        Assert.True(Check(Buy(1, 100m, symbol: "AAPL"), Context(account), limits).Approved);
    }

    [Fact]
    public void Gross_exposure_beyond_its_limit_is_rejected()
    {
        // $79,000 held on $100,000 equity; $2,000 more makes 81 % > 80 %.
        var positions = Enumerable.Range(0, 10).Select(i => Holding($"S{i}", 79, 100m)).ToArray();
        var account = Account(positions: positions);

        Assert.Equal("gross_exposure", Check(Buy(20, 100m, symbol: "NEW"), Context(account)).ReasonCode);
        Assert.True(Check(Buy(10, 100m, symbol: "NEW"), Context(account)).Approved);
    }

    [Fact]
    public void A_buy_beyond_buying_power_is_rejected()
    {
        var account = Account(equity: 100_000m, buyingPower: 1_000m);

        Assert.Equal("buying_power", Check(Buy(20, 100m), Context(account)).ReasonCode);
    }

    [Fact]
    public void Beyond_a_loss_limit_an_order_that_reduces_exposure_passes_and_trading_still_halts()
    {
        var account = Account(dayPnl: -1_500m, positions: Holding("AAPL", 100, 100m));

        var sell = Check(Sell(100, 100m), Context(account));
        Assert.True(sell.Approved);
        Assert.NotNull(sell.HaltReason);
        Assert.Equal("daily_loss_limit", Check(Buy(1, 100m, symbol: "MSFT"), Context(account)).ReasonCode);
    }

    [Fact]
    public void A_daily_loss_beyond_the_limit_rejects_and_asks_for_a_halt()
    {
        var decision = Check(Buy(1, 100m), Context(Account(dayPnl: -1_000.01m)));

        Assert.Equal("daily_loss_limit", decision.ReasonCode);
        Assert.NotNull(decision.HaltReason);
        // Exactly at the limit is not beyond it.
        Assert.True(Check(Buy(1, 100m), Context(Account(dayPnl: -1_000m))).Approved);
    }

    [Fact]
    public void A_profitable_day_never_trips_the_loss_limit()
    {
        Assert.True(Check(Buy(1, 100m), Context(Account(dayPnl: 50_000m))).Approved);
    }

    [Fact]
    public void A_drawdown_beyond_the_limit_rejects_and_asks_for_a_halt()
    {
        var decision = Check(Buy(1, 100m), Context(Account(equity: 89_000m, peak: 100_000m)));

        Assert.Equal("max_drawdown", decision.ReasonCode);
        Assert.Contains("11.0%", decision.HaltReason);
    }

    [Fact]
    public void A_pluggable_check_runs_last_and_can_reject()
    {
        var greeks = new FixedCheck("greeks_limits", ("greeks_delta_limit", "Delta would exceed its limit."));
        var decision = RiskEvaluator.Evaluate(Buy(1, 100m), Context(), Defaults, [greeks]);

        Assert.Equal("greeks_delta_limit", decision.ReasonCode);
        Assert.Equal(6, decision.ChecksPassed.Count);
        Assert.Contains("greeks_limits", RiskEvaluator.Evaluate(Buy(1, 100m), Context(), Defaults, [new FixedCheck("greeks_limits", null)]).ChecksPassed);
    }

    private sealed class FixedCheck(string name, (string, string)? result) : IRiskCheck
    {
        public string Name => name;

        public (string ReasonCode, string Message)? Evaluate(OrderIntent intent, RiskContext context) => result;
    }
}
