using AqTrading.Reconciliation.Rules.Alerts;
using AqTrading.Reconciliation.Runs;

namespace AqTrading.Reconciliation.Alerts;

/// <summary>Turns facts into alerts with their type and severity.</summary>
public static class AlertFactory
{
    public static AlertRequest Discrepancy(Discrepancy d, DateTimeOffset at) => new(
        AlertTypes.ReconciliationDiscrepancy,
        d.Severity switch { "critical" => 1, "warning" => 2, _ => 3 },
        $"Reconciliation {d.Type} ({d.Severity}) in {d.AccountId}: {d.Message}",
        new { discrepancyId = d.Id, d.Type, d.Severity, d.Symbol, d.OrderId, d.LocalValue, d.BrokerValue },
        at, d.AccountId, d.Symbol, FingerprintOverride: $"{AlertTypes.ReconciliationDiscrepancy}:{d.AccountId}:{d.Key}");
}
