using AqTrading.Contracts.Derivatives;
using AqTrading.Contracts.Operations;
using AqTrading.Contracts.Orders;
using AqTrading.Contracts.Portfolio;
using AqTrading.Contracts.Risk;
using AqTrading.Reconciliation.Alerts;
using AqTrading.Reconciliation.Audit;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Rules.Alerts;
using AqTrading.Reconciliation.Runs;
using AqTrading.ServicePlatform.Inbox;

namespace AqTrading.Reconciliation.Operations;

// Every consumer is idempotent (IdempotentConsumer, or IdempotentBatchConsumer for the per-order streams): its audit row, alert
// and inbox row commit together, once per message.

/// <summary>Fills: audited (a burst in one transaction, under one hold of the chain's lock), and a post-fill reconciliation is (re)scheduled.</summary>
public sealed class OrderFilledConsumer(ReconciliationDbContext db, AuditLog audit, FillSignal fills, TimeProvider time,
    ILogger<OrderFilledConsumer> logger) : IdempotentBatchConsumer<OrderFilled, ReconciliationDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<OrderFilled> messages, CancellationToken ct)
    {
        foreach (var m in messages)
        {
            await audit.AppendAsync(new AuditRequest("order.filled", "service", "orders", "order", m.OrderId.ToString(), "orders",
                new { m.FillId, m.AccountId, m.StrategyId, m.Symbol, m.Side, m.Quantity, m.Price, m.Fees }, m.OccurredAt), ct);
            fills.Accounts.Writer.TryWrite(m.AccountId);
        }
    }
}

/// <summary>A booked fill changes our books: the post-fill reconciliation waits for it (debounced).</summary>
public sealed class PositionChangedConsumer(FillSignal fills) : MassTransit.IConsumer<PositionChanged>
{
    public Task Consume(MassTransit.ConsumeContext<PositionChanged> context)
    {
        fills.Accounts.Writer.TryWrite(context.Message.AccountId);
        return Task.CompletedTask;
    }
}

/// <summary>Orders' final statuses (in batches, as fills): audited; a rejection alerts (a limit hit louder than an ordinary rejection).</summary>
public sealed class OrderCompletedConsumer(ReconciliationDbContext db, AuditLog audit, AlertService alerts, TimeProvider time,
    ILogger<OrderCompletedConsumer> logger) : IdempotentBatchConsumer<OrderCompleted, ReconciliationDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<OrderCompleted> messages, CancellationToken ct)
    {
        foreach (var m in messages)
        {
            await AuditAndAlertAsync(m, ct);
        }
    }

    private async Task AuditAndAlertAsync(OrderCompleted m, CancellationToken ct)
    {
        await audit.AppendAsync(new AuditRequest($"order.{m.Status}", "service", "orders", "order", m.OrderId.ToString(), "orders",
            new { m.AccountId, m.Symbol, m.Status, m.FilledQuantity, m.ReasonCode }, m.OccurredAt), ct);
        if (m.Status != "rejected")
        {
            return;
        }

        var code = m.ReasonCode ?? "";
        var (type, severity) = code switch
        {
            _ when code.StartsWith("position_limit", StringComparison.Ordinal) || code.StartsWith("exposure", StringComparison.Ordinal)
                || code.Contains("limit", StringComparison.Ordinal) && !code.Contains("loss", StringComparison.Ordinal) => (AlertTypes.PositionLimitHit, 2),
            _ when code.Contains("loss", StringComparison.Ordinal) || code == "max_drawdown" => (AlertTypes.DailyLossLimit, 1),
            _ => (AlertTypes.OrderRejected, 3),
        };
        await alerts.RaiseAsync(new AlertRequest(type, severity, $"Order {m.OrderId} ({m.Symbol}) rejected: {code}",
            new { m.OrderId, m.AccountId, m.Symbol, reasonCode = m.ReasonCode }, m.OccurredAt, m.AccountId, m.Symbol), ct);
    }
}

/// <summary>A trading state change: audited; a halt is SEV1, reducing or paused SEV2.</summary>
public sealed class TradingStateChangedConsumer(ReconciliationDbContext db, AuditLog audit, AlertService alerts, TimeProvider time,
    ILogger<TradingStateChangedConsumer> logger) : IdempotentConsumer<TradingStateChanged, ReconciliationDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(TradingStateChanged m, CancellationToken ct)
    {
        await audit.AppendAsync(new AuditRequest("risk.state_changed", Actor(m.ChangedBy), m.ChangedBy, "trading_state", "platform", "risk",
            new { m.State, m.PreviousState, m.Reason, m.CanResume }, m.OccurredAt), ct);
        var reason = m.Reason ?? "";
        AlertRequest? alert = m.State switch
        {
            "halted" when reason.Contains("loss", StringComparison.OrdinalIgnoreCase) => new(AlertTypes.DailyLossLimit, 1,
                $"Trading halted automatically: {reason}", new { m.State, m.PreviousState, m.Reason, m.ChangedBy }, m.OccurredAt),
            "halted" => new(AlertTypes.TradingHalted, 1, $"Trading halted by {m.ChangedBy}: {reason}",
                new { m.State, m.PreviousState, m.Reason, m.ChangedBy }, m.OccurredAt),
            "reducing" or "paused" => new(AlertTypes.TradingRestricted, 2, $"Trading {m.State} by {m.ChangedBy}: {reason}",
                new { m.State, m.PreviousState, m.Reason, m.ChangedBy }, m.OccurredAt),
            _ => null,
        };
        if (alert is not null)
        {
            await alerts.RaiseAsync(alert, ct);
        }
    }

    internal static string Actor(string by) =>
        by.StartsWith("service:", StringComparison.Ordinal) || by == "system" ? "service" : "user";
}

public sealed class KillSwitchEngagedConsumer(ReconciliationDbContext db, AuditLog audit, AlertService alerts, TimeProvider time,
    ILogger<KillSwitchEngagedConsumer> logger) : IdempotentConsumer<KillSwitchEngaged, ReconciliationDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(KillSwitchEngaged m, CancellationToken ct)
    {
        await audit.AppendAsync(new AuditRequest("risk.kill_switch", TradingStateChangedConsumer.Actor(m.EngagedBy), m.EngagedBy, "trading_state",
            "platform", "risk", new { m.Reason, m.Flatten, m.OrdersCancelled, m.FlattenOrders, m.Errors }, m.OccurredAt), ct);
        await alerts.RaiseAsync(new AlertRequest(AlertTypes.KillSwitchActivated, 1, $"Kill switch engaged by {m.EngagedBy}: {m.Reason}",
            new { m.Reason, m.Flatten, m.OrdersCancelled, m.FlattenOrders, m.Errors }, m.OccurredAt), ct);
    }
}

public sealed class RiskLimitsChangedConsumer(ReconciliationDbContext db, AuditLog audit, TimeProvider time,
    ILogger<RiskLimitsChangedConsumer> logger) : IdempotentConsumer<RiskLimitsChanged, ReconciliationDbContext>(db, time, logger)
{
    protected override Task HandleAsync(RiskLimitsChanged m, CancellationToken ct) =>
        audit.AppendAsync(new AuditRequest("risk.limits_changed", TradingStateChangedConsumer.Actor(m.ChangedBy), m.ChangedBy, "limits", m.AccountId,
            "risk", new { limits = System.Text.Json.Nodes.JsonNode.Parse(m.LimitsJson) }, m.OccurredAt), ct);
}

public sealed class ConfigurationChangedConsumer(ReconciliationDbContext db, AuditLog audit, TimeProvider time,
    ILogger<ConfigurationChangedConsumer> logger) : IdempotentConsumer<ConfigurationChanged, ReconciliationDbContext>(db, time, logger)
{
    protected override Task HandleAsync(ConfigurationChanged m, CancellationToken ct) =>
        audit.AppendAsync(new AuditRequest("config.changed", TradingStateChangedConsumer.Actor(m.ChangedBy), m.ChangedBy, "config",
            $"{m.Service}:{m.Setting}", m.Service, new Dictionary<string, string?> { ["setting"] = m.Setting, [$"{m.Setting}_old"] = m.OldValue,
                [$"{m.Setting}_new"] = m.NewValue }, m.OccurredAt), ct);
}

public sealed class AgentRedisWriteConsumer(ReconciliationDbContext db, AuditLog audit, TimeProvider time,
    ILogger<AgentRedisWriteConsumer> logger) : IdempotentConsumer<AgentRedisWriteRecorded, ReconciliationDbContext>(db, time, logger)
{
    protected override Task HandleAsync(AgentRedisWriteRecorded m, CancellationToken ct) =>
        audit.AppendAsync(new AuditRequest("agent.redis_write", "agent", m.Agent, "redis_key", m.Key, "agent-dispatcher",
            new { m.RunId, m.Value, m.PreviousValue }, m.OccurredAt), ct);
}

public sealed class ContractExpiringConsumer(ReconciliationDbContext db, AlertService alerts, TimeProvider time,
    ILogger<ContractExpiringConsumer> logger) : IdempotentConsumer<ContractExpiring, ReconciliationDbContext>(db, time, logger)
{
    /// <summary>
    /// One alert per position and threshold, ever (reference §11): the fingerprint carries the threshold; its key is
    /// permanent. Severity by threshold (reference §8): 0 and 1 day → SEV1, 3 → SEV2, 7 → SEV3.
    /// </summary>
    protected override Task HandleAsync(ContractExpiring m, CancellationToken ct) =>
        alerts.RaiseAsync(new AlertRequest(AlertTypes.OptionExpiring, m.ThresholdDays <= 1 ? 1 : m.ThresholdDays <= 3 ? 2 : 3,
            $"{m.Symbol} ({m.Quantity}) expires {m.Expiry:yyyy-MM-dd}, in {m.DaysToExpiry} day(s)",
            new { m.Symbol, m.AssetClass, m.Expiry, m.DaysToExpiry, m.ThresholdDays, m.Quantity }, m.OccurredAt, m.AccountId, m.Symbol,
            FingerprintOverride: $"{AlertTypes.OptionExpiring}:{m.AccountId}:{m.Symbol}:{m.Expiry:yyyyMMdd}:threshold_{m.ThresholdDays}"), ct);
}
