namespace AqTrading.Contracts.Operations;

/// <summary>A reconciliation run finished (clean or not). <paramref name="Trigger"/>: startup, periodic, fill or manual.</summary>
public sealed record ReconciliationCompleted(
    Guid RunId,
    string AccountId,
    string Trigger,
    bool IsClean,
    int DiscrepancyCount,
    int CriticalCount,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A new discrepancy between our books and the broker's (one already open is not announced again).
/// <paramref name="Type"/>: missing_local, missing_broker, quantity_mismatch, cost_mismatch, cash_mismatch, equity_mismatch,
/// order_missing_local, order_missing_broker. <paramref name="Severity"/>: critical, warning, info.
/// </summary>
public sealed record DiscrepancyFound(
    Guid DiscrepancyId,
    Guid RunId,
    string AccountId,
    string Type,
    string Severity,
    string? Symbol,
    decimal? LocalValue,
    decimal? BrokerValue,
    string Message,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An operator resolved a discrepancy (<c>POST /api/reconciliation/discrepancies/{id}/resolve</c>).</summary>
public sealed record DiscrepancyResolved(
    Guid DiscrepancyId,
    string AccountId,
    string Type,
    string Severity,
    string ResolvedBy,
    string? Note,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
