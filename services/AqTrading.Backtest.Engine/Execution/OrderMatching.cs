using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.Engine;

public enum OrderType { Market, Limit, Stop, StopLimit }

/// <summary>A working order's terms, and whether its stop has triggered (a triggered stop-limit works as a limit).</summary>
public sealed class WorkingOrder(SignalSide side, OrderType type, decimal quantity, decimal? limitPrice = null, decimal? stopPrice = null)
{
    public SignalSide Side { get; } = side;

    public OrderType Type { get; } = type;

    public decimal Quantity { get; } = quantity;

    public decimal? LimitPrice { get; } = limitPrice;

    public decimal? StopPrice { get; } = stopPrice;

    public bool Triggered { get; set; }
}

/// <summary>
/// Intrabar triggering on OHLC bars. The open is the bar's first trade and the high and low come after it, so: an order
/// the open already satisfies (a gap through the limit or stop) fills at the open; one the bar reaches later fills at its
/// price (limit, or stop); a stop-limit triggered inside the bar fills at the stop when the stop is within the limit,
/// otherwise it rests as a limit from the next bar (after the trigger the path is unknown, so this is the conservative
/// choice). Returned prices are model prices, before slippage.
/// </summary>
public static class OrderMatching
{
    public static decimal? Match(WorkingOrder order, decimal open, decimal high, decimal low)
    {
        var buy = order.Side == SignalSide.Buy;
        switch (order.Type)
        {
            case OrderType.Market:
                return open;
            case OrderType.Limit:
                return Limit(buy, order.LimitPrice!.Value, open, high, low);
            case OrderType.Stop:
            {
                var stop = order.StopPrice!.Value;
                return buy
                    ? open >= stop ? open : high >= stop ? stop : null
                    : open <= stop ? open : low <= stop ? stop : null;
            }

            default:
            {
                var limit = order.LimitPrice!.Value;
                if (order.Triggered)
                {
                    return Limit(buy, limit, open, high, low);
                }

                var stop = order.StopPrice!.Value;
                if (buy ? open >= stop : open <= stop)
                {
                    // Triggered by the open: the rest of the bar trades as a limit order.
                    order.Triggered = true;
                    return Limit(buy, limit, open, high, low);
                }

                if (buy ? high >= stop : low <= stop)
                {
                    order.Triggered = true;
                    return (buy ? stop <= limit : stop >= limit) ? stop : null;
                }

                return null;
            }
        }
    }

    private static decimal? Limit(bool buy, decimal limit, decimal open, decimal high, decimal low) => buy
        ? open <= limit ? open : low <= limit ? limit : null
        : open >= limit ? open : high >= limit ? limit : null;
}
