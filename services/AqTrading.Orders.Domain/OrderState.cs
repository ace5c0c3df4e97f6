namespace AqTrading.Orders.Domain;

/// <summary>
/// The lifecycle of one order: status, fills and the last broker update applied (reference §4.1, §4.6).
/// </summary>
/// <remarks>
/// A mutable class rather than an immutable record: the service loads it, applies one event and saves it in
/// the same transaction, and the set of applied fill ids would otherwise be copied on every fill. It is not
/// thread-safe; the caller serialises updates to one order (row lock or single consumer).
/// </remarks>
public sealed class OrderState
{
    private readonly HashSet<string> _appliedFillIds;

    /// <summary>A new order, before any broker has seen it.</summary>
    public OrderState(decimal quantity)
        : this(OrderStatus.Pending, quantity, 0m, null, [], null)
    {
    }

    private OrderState(
        OrderStatus status, decimal quantity, decimal filledQuantity, decimal? averageFillPrice,
        HashSet<string> appliedFillIds, long? lastBrokerSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ArgumentOutOfRangeException.ThrowIfNegative(filledQuantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filledQuantity, quantity);
        Status = status;
        Quantity = quantity;
        FilledQuantity = filledQuantity;
        AverageFillPrice = filledQuantity > 0 ? averageFillPrice : null;
        _appliedFillIds = appliedFillIds;
        LastBrokerSequence = lastBrokerSequence;
    }

    /// <summary>Rebuilds an order from storage.</summary>
    public static OrderState Restore(
        OrderStatus status, decimal quantity, decimal filledQuantity, decimal? averageFillPrice,
        IEnumerable<string> appliedFillIds, long? lastBrokerSequence)
    {
        ArgumentNullException.ThrowIfNull(appliedFillIds);
        if (filledQuantity > 0 && averageFillPrice is not > 0)
        {
            // Without it the next fill's VWAP would average against a price of zero.
            throw new ArgumentException("A filled order needs its positive average fill price.", nameof(averageFillPrice));
        }

        return new(status, quantity, filledQuantity, averageFillPrice, new HashSet<string>(appliedFillIds, StringComparer.Ordinal), lastBrokerSequence);
    }

    public OrderStatus Status { get; private set; }

    public decimal Quantity { get; }

    public decimal FilledQuantity { get; private set; }

    /// <summary>Volume-weighted average of the applied fills; null until the first fill.</summary>
    public decimal? AverageFillPrice { get; private set; }

    public IReadOnlySet<string> AppliedFillIds => _appliedFillIds;

    /// <summary>The highest broker update sequence applied; null until the broker sends one.</summary>
    public long? LastBrokerSequence { get; private set; }

    public bool IsTerminal => Status.IsTerminal();

    /// <summary>Quantity not yet filled. For a cancelled, rejected or expired order it is unfilled, not still working.</summary>
    public decimal RemainingQuantity => Quantity - FilledQuantity;

    /// <summary>
    /// Books a broker execution. Fill ids are checked first, so a redelivered fill is ignored whatever the status.
    /// </summary>
    /// <remarks>
    /// A fill on a cancelled, rejected or expired order is still booked: the broker executed it, so the position
    /// and cash changed whatever our status says. Completing the quantity upgrades the order to Filled (reference
    /// §4.6, "a late FILLED upgrades a CANCELLED, REJECTED or EXPIRED order"); an incomplete late fill keeps the
    /// terminal status, because the broker will not fill the rest, and only the filled quantity is recorded.
    /// A partial fill after a cancel request keeps CancelRequested (same priority as PartiallyFilled) so the
    /// pending cancel stays visible and is not sent twice.
    /// </remarks>
    public FillResult ApplyFill(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (string.IsNullOrWhiteSpace(fill.FillId))
        {
            return FillResult.Rejected("invalid_fill_id", "A fill must carry the broker's trade id.");
        }

        if (_appliedFillIds.Contains(fill.FillId))
        {
            return FillResult.DuplicateIgnored;
        }

        if (fill.Quantity <= 0)
        {
            return FillResult.Rejected("invalid_fill_quantity", "A fill quantity must be greater than zero.");
        }

        if (fill.Price <= 0)
        {
            return FillResult.Rejected("invalid_fill_price", "A fill price must be greater than zero.");
        }

        if (fill.Quantity > RemainingQuantity)
        {
            return FillResult.Rejected(
                "fill_exceeds_quantity",
                $"A fill of {fill.Quantity} exceeds the {RemainingQuantity} left unfilled on this order.");
        }

        var filled = FilledQuantity + fill.Quantity;
        AverageFillPrice = ((AverageFillPrice ?? 0m) * FilledQuantity + fill.Price * fill.Quantity) / filled;
        FilledQuantity = filled;
        _appliedFillIds.Add(fill.FillId);

        if (FilledQuantity == Quantity)
        {
            Status = OrderStatus.Filled;
        }
        else if (!IsTerminal && Status != OrderStatus.CancelRequested)
        {
            Status = OrderStatus.PartiallyFilled;
        }

        return FillResult.Applied;
    }

    /// <summary>
    /// Applies a status the broker reported, keeping status monotonic (reference §4.6): an update whose sequence
    /// is not above the last applied one is stale and skipped; a status that does not rank strictly higher than
    /// the current one is ignored, so Filled is final and one terminal status never turns into another.
    /// </summary>
    /// <param name="sequence">The broker's update sequence, or null when the broker gives none (then order is not checked).</param>
    /// <returns>Whether the status changed.</returns>
    public bool ApplyBrokerStatus(OrderStatus status, long? sequence)
    {
        if (sequence is not null && LastBrokerSequence is not null && sequence <= LastBrokerSequence)
        {
            return false;
        }

        // An in-order update is consumed even when its status is ignored, so a replay of it is recognised as stale.
        if (sequence is not null)
        {
            LastBrokerSequence = sequence;
        }

        if (status.Priority() <= Status.Priority())
        {
            return false;
        }

        Status = status;
        return true;
    }

    /// <summary>Marks the order as waiting for the broker to confirm a cancel.</summary>
    public CancelResult RequestCancel()
    {
        if (Status == OrderStatus.CancelRequested)
        {
            return CancelResult.AlreadyRequested;
        }

        if (IsTerminal)
        {
            return CancelResult.Refused(
                "order_not_cancellable", $"The order is already {Status.ToString().ToLowerInvariant()} and cannot be cancelled.");
        }

        Status = OrderStatus.CancelRequested;
        return CancelResult.Requested;
    }
}

public enum CancelOutcome { Requested, AlreadyRequested, Refused }

/// <summary>What <see cref="OrderState.RequestCancel"/> did. A refusal carries a stable snake_case reason code and a sentence.</summary>
public sealed record CancelResult(CancelOutcome Outcome, string? ReasonCode = null, string? Message = null)
{
    public static readonly CancelResult Requested = new(CancelOutcome.Requested);

    public static readonly CancelResult AlreadyRequested = new(CancelOutcome.AlreadyRequested);

    public static CancelResult Refused(string reasonCode, string message) => new(CancelOutcome.Refused, reasonCode, message);

    /// <summary>Whether the status changed, i.e. the caller must now ask the broker to cancel.</summary>
    public bool Changed => Outcome == CancelOutcome.Requested;
}
