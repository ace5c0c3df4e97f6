namespace AqTrading.Risk.Rules;

/// <summary>
/// The pre-trade checks, in the reference's order; the first failure rejects:
/// trading state → strategy paused → symbol lists → position limits (scaled by risk bias) → portfolio limits →
/// loss limits (a breach also halts trading) → pluggable checks (Greeks).
/// An order that only reduces an existing position passes the position and portfolio limits: closing risk is
/// never blocked by the limits meant to stop adding it.
/// </summary>
public static class RiskEvaluator
{
    public const string TradingStateCheck = "trading_state";
    public const string StrategyPausedCheck = "strategy_paused";
    public const string SymbolAllowedCheck = "symbol_allowed";
    public const string PositionLimitsCheck = "position_limits";
    public const string PortfolioLimitsCheck = "portfolio_limits";
    public const string LossLimitsCheck = "loss_limits";

    public static RiskDecision Evaluate(OrderIntent intent, RiskContext context, RiskLimits limits,
        IReadOnlyList<IRiskCheck>? extraChecks = null)
    {
        var passed = new List<string>(6 + (extraChecks?.Count ?? 0));
        var reduces = ReducesExposure(intent, context);

        var (allowed, code, message) = TradingStateMachine.Admits(context.Trading, reduces);
        if (!allowed)
        {
            return Reject(code!, message!, passed);
        }

        passed.Add(TradingStateCheck);

        if (intent.StrategyId is not null && context.PausedStrategies.Contains(intent.StrategyId))
        {
            return Reject("strategy_paused", $"Strategy {intent.StrategyId} is paused.", passed);
        }

        passed.Add(StrategyPausedCheck);

        if (limits.BlockedSymbols.Contains(intent.Symbol))
        {
            return Reject("symbol_blocked", $"{intent.Symbol} is on the blocked list.", passed);
        }

        if (limits.AllowedSymbols.Count > 0 && !limits.AllowedSymbols.Contains(intent.Symbol))
        {
            return Reject("symbol_not_allowed", $"{intent.Symbol} is not on the allowed list.", passed);
        }

        passed.Add(SymbolAllowedCheck);

        if (!reduces && PositionLimits(intent, context, limits) is { } positionFailure)
        {
            return Reject(positionFailure.Code, positionFailure.Message, passed);
        }

        passed.Add(PositionLimitsCheck);

        if (!reduces && PortfolioLimits(intent, context, limits) is { } portfolioFailure)
        {
            return Reject(portfolioFailure.Code, portfolioFailure.Message, passed);
        }

        passed.Add(PortfolioLimitsCheck);

        string? haltReason = null;
        if (LossLimits(context, limits) is { } lossFailure)
        {
            if (!reduces)
            {
                return Reject(lossFailure.Code, lossFailure.Message, passed) with { HaltReason = lossFailure.Message };
            }

            // Getting out is what a loss limit wants: an order that reduces exposure (the kill switch's flatten, a
            // close) passes, and trading still halts.
            haltReason = lossFailure.Message;
        }

        passed.Add(LossLimitsCheck);

        foreach (var check in extraChecks ?? [])
        {
            if (check.Evaluate(intent, context) is { } failure)
            {
                return Reject(failure.ReasonCode, failure.Message, passed);
            }

            passed.Add(check.Name);
        }

        return RiskDecision.Approve(passed) with { HaltReason = haltReason };
    }

    /// <summary>
    /// True when the order moves the account's net position in the symbol towards zero without crossing it
    /// (working orders already approved count as if filled).
    /// </summary>
    public static bool ReducesExposure(OrderIntent intent, RiskContext context)
    {
        if (context.Account is null)
        {
            return false;
        }

        var position = context.Account.NetQuantity(intent.Symbol) + context.Reserved.SymbolQuantity;
        return position != 0 && Math.Sign(position) != Math.Sign(intent.SignedQuantity) && intent.Quantity <= Math.Abs(position);
    }

    /// <summary>Does the order open a position (symbol × strategy) the account does not hold yet?</summary>
    public static bool OpensNewPosition(OrderIntent intent, RiskContext context) =>
        context.Account is null || !context.Account.HasPosition(intent.Symbol, intent.StrategyId);

    private static (string Code, string Message)? PositionLimits(OrderIntent intent, RiskContext context, RiskLimits limits)
    {
        var bias = context.Bias;
        var maxQuantity = Math.Floor(limits.MaxQuantityPerOrder * bias);
        if (intent.Quantity > maxQuantity)
        {
            return ("position_limit_quantity",
                $"{intent.Quantity} exceeds the {maxQuantity} per-order quantity limit (risk bias {bias}).");
        }

        // The position after this order and every working one, valued at this order's price.
        var current = (context.Account?.NetQuantity(intent.Symbol) ?? 0m) + context.Reserved.SymbolQuantity;
        var resulting = Math.Abs(current + intent.SignedQuantity) * intent.Price * intent.Multiplier;
        var maxValue = limits.MaxPositionValue * bias;
        if (resulting > maxValue)
        {
            return ("position_limit_notional",
                $"The {intent.Symbol} position would be worth {resulting:N2}, above the {maxValue:N2} limit (risk bias {bias}).");
        }

        if (context.Account is { } account)
        {
            var maxPct = limits.MaxPositionPct * bias;
            if (account.Equity <= 0 || resulting / account.Equity * 100m > maxPct)
            {
                var pct = account.Equity <= 0 ? 100m : resulting / account.Equity * 100m;
                return ("position_limit_equity_pct",
                    $"The {intent.Symbol} position would be {pct:N2}% of equity, above the {maxPct:N2}% limit (risk bias {bias}).");
            }
        }

        return null;
    }

    private static (string Code, string Message)? PortfolioLimits(OrderIntent intent, RiskContext context, RiskLimits limits)
    {
        if (context.Account is not { } account)
        {
            return ("account_unknown", $"Account {intent.AccountId} is not known to risk; no order can be checked against it.");
        }

        var openPositions = 0;
        foreach (var position in account.Positions)
        {
            if (position.Quantity != 0)
            {
                openPositions++;
            }
        }

        if (OpensNewPosition(intent, context) && openPositions + context.Reserved.NewPositions >= limits.MaxPositions)
        {
            return ("max_positions", $"The account already holds {limits.MaxPositions} positions, the most allowed.");
        }

        var gross = account.GrossExposure() + context.Reserved.Gross + intent.Notional;
        if (account.Equity <= 0 || gross / account.Equity * 100m > limits.MaxExposurePct)
        {
            var pct = account.Equity <= 0 ? 100m : gross / account.Equity * 100m;
            return ("gross_exposure", $"Gross exposure would be {pct:N2}% of equity, above the {limits.MaxExposurePct:N2}% limit.");
        }

        if (intent.Side == Side.Buy && intent.Notional > account.BuyingPower - context.Reserved.BuyNotional)
        {
            return ("buying_power",
                $"The order needs {intent.Notional:N2} of buying power; {account.BuyingPower - context.Reserved.BuyNotional:N2} is available.");
        }

        return null;
    }

    private static (string Code, string Message)? LossLimits(RiskContext context, RiskLimits limits)
    {
        if (context.Account is not { } account)
        {
            return null;
        }

        if (account.DayPnl < -limits.DailyLossLimit)
        {
            return ("daily_loss_limit", $"Daily loss {-account.DayPnl:N2} exceeded the {limits.DailyLossLimit:N2} limit.");
        }

        if (account.PeakEquity > 0)
        {
            var drawdown = (account.PeakEquity - account.Equity) / account.PeakEquity * 100m;
            if (drawdown > limits.MaxDrawdownPct)
            {
                return ("max_drawdown", $"Drawdown {drawdown:N1}% exceeded the {limits.MaxDrawdownPct:N1}% limit.");
            }
        }

        return null;
    }

    private static RiskDecision Reject(string code, string message, List<string> passed) => new(false, code, message, passed);
}
