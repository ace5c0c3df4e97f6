namespace AqTrading.Reconciliation.Rules.Comparison;

/// <summary>A position in one symbol (strategies summed: positions are matched by symbol only, reference §10).</summary>
public sealed record BookPosition(string Symbol, decimal Quantity, decimal AverageCost);

public sealed record BookOrder(Guid OrderId, string Symbol);

/// <summary>One side's view of an account. <see cref="OpenOrders"/> null means that side cannot list them.</summary>
public sealed record AccountBook(decimal Cash, decimal Equity, IReadOnlyList<BookPosition> Positions, IReadOnlyList<BookOrder>? OpenOrders);

public enum DiscrepancyType
{
    MissingLocal, MissingBroker, QuantityMismatch, CostMismatch, CashMismatch, EquityMismatch, OrderMissingLocal, OrderMissingBroker,
}

public enum DiscrepancySeverity { Info, Warning, Critical }

/// <summary>
/// One difference. <see cref="Key"/> identifies the same difference across runs (type + symbol or order), so a run that
/// finds it again updates the open discrepancy instead of opening another.
/// </summary>
public sealed record Finding(DiscrepancyType Type, DiscrepancySeverity Severity, string? Symbol, Guid? OrderId, decimal? LocalValue,
    decimal? BrokerValue, string Message)
{
    public string Key => $"{Names.Of(Type)}:{Symbol ?? OrderId?.ToString() ?? "account"}";
}

public static class Names
{
    public static string Of(DiscrepancyType type) => type switch
    {
        DiscrepancyType.MissingLocal => "missing_local",
        DiscrepancyType.MissingBroker => "missing_broker",
        DiscrepancyType.QuantityMismatch => "quantity_mismatch",
        DiscrepancyType.CostMismatch => "cost_mismatch",
        DiscrepancyType.CashMismatch => "cash_mismatch",
        DiscrepancyType.EquityMismatch => "equity_mismatch",
        DiscrepancyType.OrderMissingLocal => "order_missing_local",
        DiscrepancyType.OrderMissingBroker => "order_missing_broker",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Of(DiscrepancySeverity severity) => severity.ToString().ToLowerInvariant();
}
