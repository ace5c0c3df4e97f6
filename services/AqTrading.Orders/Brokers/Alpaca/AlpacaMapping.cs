using AqTrading.Orders.Domain;

namespace AqTrading.Orders.Brokers.Alpaca;

/// <summary>Our order terms and lifecycle in Alpaca's words, and back (Alpaca's order statuses and trade_updates events).</summary>
public static class AlpacaMapping
{
    public static AlpacaOrderRequest ToRequest(BrokerOrder order) => new(
        order.Symbol, order.Quantity, order.Side == OrderSide.Buy ? "buy" : "sell",
        order.Type switch
        {
            OrderType.Market => "market",
            OrderType.Limit => "limit",
            OrderType.Stop => "stop",
            OrderType.StopLimit => "stop_limit",
            _ => throw new ArgumentOutOfRangeException(nameof(order), order.Type, "Unknown order type."),
        },
        order.TimeInForce switch
        {
            TimeInForce.Day => "day",
            TimeInForce.Gtc => "gtc",
            TimeInForce.Ioc => "ioc",
            _ => throw new ArgumentOutOfRangeException(nameof(order), order.TimeInForce, "Unknown time in force."),
        },
        order.LimitPrice, order.StopPrice, ClientOrderId(order.OrderId));

    /// <summary>Our order id is the client order id (Alpaca allows 48 characters; a GUID's "D" form is 36).</summary>
    public static string ClientOrderId(Guid orderId) => orderId.ToString("D");

    /// <summary>
    /// A REST order status as one of ours, or null for one we do not know (the caller logs it and leaves the order
    /// where it is). Statuses with no counterpart of their own (accepted, pending_new, held, done_for_day, …) mean
    /// "with the broker, still working".
    /// </summary>
    public static OrderStatus? FromStatus(string status) => status switch
    {
        "new" or "accepted" or "pending_new" or "accepted_for_bidding" or "held" or "done_for_day" or "calculated" or "stopped"
            or "suspended" or "pending_replace" or "replaced" => OrderStatus.Submitted,
        "partially_filled" => OrderStatus.PartiallyFilled,
        "pending_cancel" => OrderStatus.CancelRequested,
        "filled" => OrderStatus.Filled,
        "canceled" => OrderStatus.Cancelled,
        "expired" => OrderStatus.Expired,
        "rejected" => OrderStatus.Rejected,
        _ => null,
    };

    /// <summary>What a trade_updates event does to our order.</summary>
    public enum EventKind
    {
        /// <summary>fill, partial_fill: an execution (the status follows from the fill).</summary>
        Execution,

        /// <summary>new, canceled, expired, rejected: a status of ours.</summary>
        Status,

        /// <summary>A documented event with nothing to apply (pending_new, done_for_day, pending_cancel, replaced, …).</summary>
        Informational,

        /// <summary>Not in Alpaca's documentation as we know it: logged, order left as it is.</summary>
        Unknown,
    }

    public static (EventKind Kind, OrderStatus? Status) FromEvent(string eventName) => eventName switch
    {
        "fill" or "partial_fill" => (EventKind.Execution, null),
        "new" => (EventKind.Status, OrderStatus.Submitted),
        "canceled" => (EventKind.Status, OrderStatus.Cancelled),
        "expired" => (EventKind.Status, OrderStatus.Expired),
        "rejected" => (EventKind.Status, OrderStatus.Rejected),
        // done_for_day: a GTC order stops for today and works again tomorrow; pending_*: waiting for Alpaca;
        // stopped/calculated/suspended: exchange-side states before a fill or cancel; replaced and the *_rejected
        // events concern replace/cancel requests (we never replace; a refused cancel leaves the order working).
        "pending_new" or "done_for_day" or "pending_cancel" or "pending_replace" or "replaced" or "stopped" or "calculated"
            or "suspended" or "order_replace_rejected" or "order_cancel_rejected" or "held" or "accepted" => (EventKind.Informational, null),
        _ => (EventKind.Unknown, null),
    };

    /// <summary>
    /// Alpaca gives no sequence number per order; its event timestamps (nanosecond strings) are monotonic per order, so
    /// their ticks serve as the broker sequence that keeps a stale update from moving an order backwards — and they
    /// survive a restart of the orders service, which an in-memory counter would not.
    /// </summary>
    public static long Sequence(DateTimeOffset? timestamp, DateTimeOffset fallback) => (timestamp ?? fallback).UtcTicks;
}

/// <summary>
/// How much of each Alpaca order has been reported as fills (quantity and notional), and which executions. The
/// stream's fills and the fills recovered by polling after a reconnect both go through it, so each share is reported
/// exactly once: a fill event whose order already shows that cumulative quantity was recovered by a poll, and a poll
/// reports only what the stream has not.
/// </summary>
public sealed class AlpacaFillLedger
{
    private sealed class Entry
    {
        public decimal Quantity;
        public decimal Notional;
        public readonly HashSet<string> Executions = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<string, Entry> _orders = new(StringComparer.Ordinal);

    /// <summary>
    /// Seeds an order with what is already booked (after a restart the ledger is empty but the database is not);
    /// a ledger that knows more keeps its own figures.
    /// </summary>
    public void Seed(string brokerOrderId, decimal quantity, decimal notional)
    {
        lock (_orders)
        {
            var entry = EntryOf(brokerOrderId);
            if (quantity > entry.Quantity)
            {
                entry.Quantity = quantity;
                entry.Notional = notional;
            }
        }
    }

    public decimal Reported(string brokerOrderId)
    {
        lock (_orders)
        {
            return _orders.TryGetValue(brokerOrderId, out var entry) ? entry.Quantity : 0m;
        }
    }

    /// <summary>
    /// A streamed execution: the quantity not yet reported (zero for a duplicate or for shares a poll already
    /// recovered). <paramref name="cumulative"/> is the order's filled_qty after this execution.
    /// </summary>
    public decimal TakeExecution(string brokerOrderId, string executionId, decimal quantity, decimal price, decimal cumulative)
    {
        lock (_orders)
        {
            var entry = EntryOf(brokerOrderId);
            if (!entry.Executions.Add(executionId))
            {
                return 0m;
            }

            var take = Math.Min(quantity, cumulative - entry.Quantity);
            if (take <= 0)
            {
                return 0m;
            }

            entry.Quantity += take;
            entry.Notional += take * price;
            return take;
        }
    }

    /// <summary>
    /// A polled order: the fill quantity and average price of what the broker filled beyond what was reported
    /// (from its filled_qty and filled_avg_price), or null when nothing is missing.
    /// </summary>
    public (decimal Quantity, decimal Price)? TakeMissing(string brokerOrderId, decimal filledQuantity, decimal? averagePrice)
    {
        lock (_orders)
        {
            var entry = EntryOf(brokerOrderId);
            var missing = filledQuantity - entry.Quantity;
            if (missing <= 0 || averagePrice is not > 0)
            {
                return null;
            }

            var price = (averagePrice.Value * filledQuantity - entry.Notional) / missing;
            if (price <= 0)
            {
                // Rounding in Alpaca's average can leave a tiny residue; the average itself is the honest price then.
                price = averagePrice.Value;
            }

            price = Math.Round(price, 6, MidpointRounding.ToEven);
            entry.Quantity = filledQuantity;
            entry.Notional += missing * price;
            return (missing, price);
        }
    }

    private Entry EntryOf(string brokerOrderId)
    {
        if (!_orders.TryGetValue(brokerOrderId, out var entry))
        {
            _orders[brokerOrderId] = entry = new Entry();
        }

        return entry;
    }
}
