namespace AqTrading.Contracts.Orders;

/// <summary>
/// An order reached a final status (<c>filled</c>, <c>cancelled</c>, <c>rejected</c>, <c>expired</c>): whatever
/// exposure risk reserved for it is free again.
/// </summary>
public sealed record OrderCompleted(
    Guid OrderId,
    string AccountId,
    string Symbol,
    string Status,
    decimal FilledQuantity,
    string? ReasonCode,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
