using AqTrading.Contracts.Orders;
using AqTrading.ServicePlatform.Inbox;
using AqTrading.Strategies.Data;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Running;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Strategies.Fills;

/// <summary>
/// Keeps each fill of a known strategy's order once (by fill id) and hands it to the strategy's runner, which applies
/// it to the context and calls OnFill. The runner also ignores a fill id it has seen, so a redelivery after a failed
/// commit (the hand-off happens inside the transaction) changes nothing.
/// </summary>
public sealed class OrderFilledConsumer(StrategiesDbContext db, TimeProvider time, ILogger<OrderFilledConsumer> logger, StrategyRunnerHost host)
    : IdempotentConsumer<OrderFilled, StrategiesDbContext>(db, time, logger)
{
    /// <summary>Fills of orders no strategy of this service sent (manual orders, other systems) are none of its business.</summary>
    protected override async ValueTask<bool> ConcernsAsync(OrderFilled message, CancellationToken cancellationToken) =>
        message.StrategyId is { } strategyId && await Db.Strategies.AnyAsync(s => s.Id == strategyId, cancellationToken);

    protected override async Task HandleAsync(OrderFilled message, CancellationToken cancellationToken)
    {
        var strategyId = message.StrategyId!;
        if (await Db.Fills.AnyAsync(f => f.FillId == message.FillId, cancellationToken))
        {
            return;
        }

        var record = new StrategyFillRecord
        {
            FillId = message.FillId, StrategyId = strategyId, OrderId = message.OrderId, Symbol = message.Symbol.ToUpperInvariant(),
            Side = message.Side == "sell" ? SignalSide.Sell : SignalSide.Buy, Quantity = message.Quantity, Price = message.Price,
            Fees = message.Fees, OccurredAt = message.OccurredAt,
        };
        Db.Fills.Add(record);
        host.DeliverFill(strategyId, record.ToFill());
    }
}
