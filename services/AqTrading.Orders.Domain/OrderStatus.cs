namespace AqTrading.Orders.Domain;

/// <summary>Order statuses (reference §4.1). Filled, Cancelled, Rejected and Expired are terminal.</summary>
public enum OrderStatus { Pending, Submitted, PartiallyFilled, CancelRequested, Filled, Cancelled, Rejected, Expired }

public static class OrderStatusRules
{
    /// <summary>
    /// Rank used to keep status monotonic when broker updates arrive late or out of order (reference §4.6).
    /// Filled ranks above the other terminal statuses so that a late fill can upgrade a cancelled, rejected
    /// or expired order: the broker executed it, so the money moved.
    /// </summary>
    public static int Priority(this OrderStatus status) => status switch
    {
        OrderStatus.Pending => 0,
        OrderStatus.Submitted => 1,
        OrderStatus.PartiallyFilled or OrderStatus.CancelRequested => 2,
        OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired => 3,
        OrderStatus.Filled => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown order status."),
    };

    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;
}
