namespace AqTrading.Contracts.Operations;

/// <summary>
/// An agent run wrote a validated value to Redis (<c>risk_bias</c>, <c>sentiment:{symbol}</c>, <c>events:{type}</c>); the audit
/// trail records it. Published by the agent dispatcher; <paramref name="Value"/> is the value written (JSON or text).
/// </summary>
public sealed record AgentRedisWriteRecorded(
    Guid RunId,
    string Agent,
    string Key,
    string Value,
    string? PreviousValue,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An account's pre-trade limits were replaced (<c>PUT /api/risk/limits/{accountId}</c>); carries the new limits as JSON.</summary>
public sealed record RiskLimitsChanged(
    string AccountId,
    string ChangedBy,
    string LimitsJson,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The kill switch was engaged (halt, cancel all, flatten).</summary>
public sealed record KillSwitchEngaged(
    string EngagedBy,
    string Reason,
    bool Flatten,
    int OrdersCancelled,
    int FlattenOrders,
    IReadOnlyList<string> Errors,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A service changed a setting at run time (what, old and new value — secrets are redacted by the audit trail).</summary>
public sealed record ConfigurationChanged(
    string Service,
    string Setting,
    string? OldValue,
    string? NewValue,
    string ChangedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
