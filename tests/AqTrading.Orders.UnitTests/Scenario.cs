using AqTrading.Orders.Domain;

namespace AqTrading.Orders.UnitTests;

internal static class Scenario
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    public static Fill Fill(string id, decimal quantity, decimal price) => new(id, quantity, price, Now);

    /// <summary>An order of <paramref name="quantity"/> moved to <paramref name="status"/> with no fills.</summary>
    public static OrderState OrderIn(OrderStatus status, decimal quantity = 100m) =>
        OrderState.Restore(status, quantity, 0m, null, [], null);

    public static OrderTerms Terms(
        OrderType type = OrderType.Market,
        TimeInForce timeInForce = TimeInForce.Day,
        decimal quantity = 10m,
        decimal? limitPrice = null,
        decimal? stopPrice = null,
        string symbol = "AAPL") =>
        new(symbol, OrderSide.Buy, type, timeInForce, quantity, limitPrice, stopPrice);
}
