namespace AqTrading.Contracts.Portfolio;

/// <summary>
/// A position after a fill was applied (quantity 0 when it was closed), with the account's cash after it, so that
/// risk and reconciliation can keep their own view of the books without reading the portfolio's database.
/// <paramref name="OrderId"/>, <paramref name="FillId"/> and <paramref name="FillQuantity"/> say which execution was booked.
/// </summary>
public sealed record PositionChanged(
    string AccountId,
    string? StrategyId,
    string Symbol,
    string AssetClass,
    decimal Multiplier,
    decimal Quantity,
    decimal AverageCost,
    decimal RealizedPnl,
    decimal Cash,
    Guid OrderId,
    string FillId,
    decimal FillQuantity,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
