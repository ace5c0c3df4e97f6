using System.Threading.Channels;
using AqTrading.Orders.Domain;

namespace AqTrading.Orders.Brokers;

/// <summary>An order as a broker receives it. <see cref="OrderId"/> doubles as the client order id (idempotency at the broker).</summary>
public sealed record BrokerOrder(
    Guid OrderId, string AccountId, string Symbol, OrderSide Side, OrderType Type, TimeInForce TimeInForce,
    decimal Quantity, decimal? LimitPrice, decimal? StopPrice, decimal Multiplier);

/// <summary>What a broker reports about an order after submission.</summary>
public abstract record BrokerEvent(Guid OrderId, string BrokerOrderId, DateTimeOffset Time);

/// <summary>An execution; <see cref="FillId"/> is the broker's unique execution id.</summary>
public sealed record BrokerFill(Guid OrderId, string BrokerOrderId, string FillId, decimal Quantity, decimal Price, decimal Fees,
    DateTimeOffset Time) : BrokerEvent(OrderId, BrokerOrderId, Time);

/// <summary>A status change without an execution (accepted, cancelled, expired, rejected), in broker sequence order.</summary>
public sealed record BrokerStatusUpdate(Guid OrderId, string BrokerOrderId, OrderStatus Status, long Sequence, string? Reason,
    DateTimeOffset Time) : BrokerEvent(OrderId, BrokerOrderId, Time);

public sealed record BrokerPosition(string Symbol, decimal Quantity, decimal AverageCost);

public sealed record BrokerAccount(string AccountId, decimal Cash, decimal BuyingPower);

/// <summary>The seam between the order lifecycle and a broker (the paper broker first; real adapters plug in the same way).</summary>
public interface IBrokerAdapter
{
    string Name { get; }

    /// <summary>Hands the order to the broker; returns the broker's order id. Executions arrive on <see cref="Events"/>.</summary>
    Task<string> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken);

    /// <summary>Asks the broker to cancel; the confirmation (or a fill that won the race) arrives on <see cref="Events"/>.</summary>
    Task<bool> CancelAsync(string brokerOrderId, CancellationToken cancellationToken);

    Task<OrderStatus?> GetStatusAsync(string brokerOrderId, CancellationToken cancellationToken);

    ChannelReader<BrokerEvent> Events { get; }

    Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(string accountId, CancellationToken cancellationToken);

    Task<BrokerAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken);
}
