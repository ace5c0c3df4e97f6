namespace AqTrading.Orders.Brokers.Views;

/// <summary>An order the broker is still working (accepted, not yet filled, cancelled or expired).</summary>
public sealed record BrokerOpenOrder(Guid OrderId, string BrokerOrderId, string Symbol, string Side, decimal Quantity, decimal Remaining);

/// <summary>
/// Optional beside <see cref="IBrokerAdapter"/>: a broker that can list its working orders. Reconciliation compares them
/// with ours; an adapter without it reports open orders as unknown (null) and that comparison is skipped.
/// </summary>
public interface IBrokerOpenOrders
{
    Task<IReadOnlyList<BrokerOpenOrder>> GetOpenOrdersAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>
/// A test-only distortion of what the paper broker reports (never of how it trades), so a whole-system test can make
/// every kind of reconciliation discrepancy on demand. Enabled only by <c>Orders:PaperBroker:AllowTestAdjustments</c>.
/// </summary>
/// <param name="Kind"><c>set_position</c> (symbol, quantity, averageCost), <c>remove_position</c> (symbol), <c>cash</c>
/// (amount added), <c>phantom_order</c> (symbol, quantity: an order only the broker works), <c>hide_order</c> (orderId: a
/// working order the broker no longer reports) or <c>reset</c> (every adjustment undone).</param>
public sealed record BrokerBookAdjustment(string? Kind, string? Symbol, decimal? Quantity, decimal? AverageCost, decimal? Amount, Guid? OrderId);
