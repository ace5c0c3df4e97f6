namespace AqTrading.Orders.Lifecycle;

public enum OrderSide { Buy, Sell }

public enum OrderType { Market, Limit, Stop, StopLimit }

public enum TimeInForce { Day, Gtc, Ioc }

public enum OrderStatus { Pending, Submitted, PartiallyFilled, CancelRequested, Filled, Cancelled, Rejected, Expired }

/// <summary>An order, persisted before any broker sees it. Quantities and prices are <c>decimal</c>.</summary>
public sealed class Order
{
    public Guid Id { get; init; }

    public required string AccountId { get; init; }

    public string? StrategyId { get; init; }

    public required string Symbol { get; init; }

    public OrderSide Side { get; init; }

    public OrderType Type { get; init; }

    public TimeInForce TimeInForce { get; init; }

    public decimal Quantity { get; init; }

    public decimal? LimitPrice { get; init; }

    public decimal? StopPrice { get; init; }

    public OrderStatus Status { get; set; }

    public decimal FilledQuantity { get; set; }

    public decimal? AverageFillPrice { get; set; }

    /// <summary>The submitter's Idempotency-Key: a repeated submit returns this order instead of a new one.</summary>
    public string? IdempotencyKey { get; init; }

    public string? RejectReason { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
