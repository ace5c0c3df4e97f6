namespace AqTrading.Contracts.Orders;

/// <summary>
/// A broker execution of (part of) an order. <paramref name="FillId"/> is the broker's unique execution id: the
/// books apply each fill id once, however often it is delivered.
/// </summary>
/// <param name="Side"><c>buy</c> or <c>sell</c>.</param>
/// <param name="AssetClass"><c>equity</c>, <c>option</c> or <c>future</c>.</param>
/// <param name="Multiplier">The contract multiplier the fill is valued at (1 for equities).</param>
/// <param name="Fees">Commissions and fees charged for this fill, in the account currency.</param>
public sealed record OrderFilled(
    string FillId,
    Guid OrderId,
    string AccountId,
    string? StrategyId,
    string Symbol,
    string AssetClass,
    decimal Multiplier,
    string Side,
    decimal Quantity,
    decimal Price,
    decimal Fees,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
