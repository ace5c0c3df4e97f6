using AqTrading.Orders.Domain;

namespace AqTrading.Orders.Lifecycle;

/// <summary>An order as stored, persisted before any broker sees it. Quantities and prices are <c>decimal</c>.</summary>
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

    /// <summary><c>equity</c>, <c>option</c> or <c>future</c>; with <see cref="Multiplier"/>, how a fill is valued.</summary>
    public string AssetClass { get; init; } = "equity";

    public decimal Multiplier { get; init; } = 1m;

    public OrderStatus Status { get; set; }

    public decimal FilledQuantity { get; set; }

    public decimal? AverageFillPrice { get; set; }

    public long? LastBrokerSequence { get; set; }

    public string? BrokerOrderId { get; set; }

    /// <summary>The submitter's Idempotency-Key: a repeated submit returns this order instead of a new one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Stable snake_case code of a rejection (<c>position_limit_notional</c>, <c>risk_unavailable</c>, …).</summary>
    public string? RejectCode { get; set; }

    public string? RejectMessage { get; set; }

    /// <summary>The close request this order works for, if any.</summary>
    public Guid? CloseRequestId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<OrderFillRecord> Fills { get; init; } = [];

    public List<OrderTransition> Transitions { get; init; } = [];

    public OrderState ToState() => OrderState.Restore(Status, Quantity, FilledQuantity, AverageFillPrice,
        Fills.Select(f => f.FillId), LastBrokerSequence);

    /// <summary>Takes the state's status and fill totals, recording a transition when the status moved.</summary>
    public void Apply(OrderState state, string? reason, DateTimeOffset now)
    {
        if (state.Status != Status)
        {
            Transitions.Add(new OrderTransition { OrderId = Id, From = Status, To = state.Status, Reason = reason, At = now });
        }

        Status = state.Status;
        FilledQuantity = state.FilledQuantity;
        AverageFillPrice = state.AverageFillPrice;
        LastBrokerSequence = state.LastBrokerSequence;
        UpdatedAt = now;
    }

    /// <summary>Rejected before reaching a broker (risk, validation against the market, broker refusal).</summary>
    public void Reject(string code, string message, DateTimeOffset now)
    {
        Transitions.Add(new OrderTransition { OrderId = Id, From = Status, To = OrderStatus.Rejected, Reason = code, At = now });
        Status = OrderStatus.Rejected;
        RejectCode = code;
        RejectMessage = message;
        UpdatedAt = now;
    }
}

/// <summary>One execution of an order, unique by the broker's fill id.</summary>
public sealed class OrderFillRecord
{
    public long Id { get; init; }

    public Guid OrderId { get; init; }

    public required string FillId { get; init; }

    public decimal Quantity { get; init; }

    public decimal Price { get; init; }

    public decimal Fees { get; init; }

    public DateTimeOffset Time { get; init; }
}

/// <summary>Every status change of an order, with why and when.</summary>
public sealed class OrderTransition
{
    public long Id { get; init; }

    public Guid OrderId { get; init; }

    public OrderStatus From { get; init; }

    public OrderStatus To { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset At { get; init; }
}
