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

/// <summary>The backtest's working orders matched against a bar by <see cref="IntrabarMatching"/> (its rules are there).</summary>
public static class OrderMatching
{
    public static decimal? Match(WorkingOrder order, decimal open, decimal high, decimal low)
    {
        var triggered = order.Triggered;
        var price = IntrabarMatching.Match(order.Side, ToSignalType(order.Type), order.LimitPrice, order.StopPrice, ref triggered, open, high, low);
        order.Triggered = triggered;
        return price;
    }

    public static SignalOrderType ToSignalType(OrderType type) => type switch
    {
        OrderType.Limit => SignalOrderType.Limit,
        OrderType.Stop => SignalOrderType.Stop,
        OrderType.StopLimit => SignalOrderType.StopLimit,
        _ => SignalOrderType.Market,
    };

    public static OrderType FromSignalType(SignalOrderType type) => type switch
    {
        SignalOrderType.Limit => OrderType.Limit,
        SignalOrderType.Stop => OrderType.Stop,
        SignalOrderType.StopLimit => OrderType.StopLimit,
        _ => OrderType.Market,
    };
}
