using AqTrading.Contracts.Orders;
using AqTrading.Orders.Brokers;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Lifecycle;

/// <summary>
/// Applies what the broker reports to the stored order, under a row lock: fills once per fill id (with an
/// <see cref="OrderFilled"/> event), status changes only forwards, and <see cref="OrderCompleted"/> when the order
/// reaches a final status — all in the transaction that changes the order.
/// </summary>
public sealed partial class BrokerEventBooking(OrdersDbContext db, TimeProvider time, ILogger<BrokerEventBooking> logger)
{
    public Task ApplyAsync(BrokerEvent brokerEvent, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            var order = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {brokerEvent.OrderId} FOR UPDATE")
                .Include(o => o.Fills).SingleOrDefaultAsync(token);
            if (order is null)
            {
                LogUnknownOrder(brokerEvent.OrderId, brokerEvent.BrokerOrderId);
                return;
            }

            var state = order.ToState();
            var wasTerminal = state.IsTerminal;
            var now = time.GetUtcNow();
            string? reason;
            switch (brokerEvent)
            {
                case BrokerFill fill:
                    var result = state.ApplyFill(new Fill(fill.FillId, fill.Quantity, fill.Price, fill.Time));
                    if (result.Outcome != FillOutcome.Applied)
                    {
                        LogFillNotApplied(fill.FillId, order.Id, result.Outcome.ToString(), result.Message);
                        return;
                    }

                    order.Fills.Add(new OrderFillRecord
                    {
                        OrderId = order.Id, FillId = fill.FillId, Quantity = fill.Quantity, Price = fill.Price, Fees = fill.Fees, Time = fill.Time,
                    });
                    db.AddIntegrationEvent(new OrderFilled(fill.FillId, order.Id, order.AccountId, order.StrategyId, order.Symbol,
                        order.AssetClass, order.Multiplier, order.Side == OrderSide.Buy ? "buy" : "sell", fill.Quantity, fill.Price,
                        fill.Fees, fill.Time));
                    reason = $"fill {fill.FillId}";
                    break;
                case BrokerStatusUpdate update:
                    if (!state.ApplyBrokerStatus(update.Status, update.Sequence))
                    {
                        return;
                    }

                    reason = update.Reason ?? "broker update";
                    if (update.Status == OrderStatus.Rejected)
                    {
                        order.RejectCode = update.Reason ?? "broker_rejected";
                        order.RejectMessage = $"The broker rejected the order ({order.RejectCode}).";
                    }

                    break;
                default:
                    return;
            }

            order.Apply(state, reason, now);
            if (state.IsTerminal && !wasTerminal)
            {
                db.AddIntegrationEvent(new OrderCompleted(order.Id, order.AccountId, order.Symbol,
                    StatusName(state.Status), state.FilledQuantity, order.RejectCode, now));
                await Close.CloseProgress.OrderFinishedAsync(db, order, now, token);
            }

            await db.SaveChangesAsync(token);
        }, ct);

    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.CancelRequested => "cancel_requested",
        _ => status.ToString().ToLowerInvariant(),
    };

    [LoggerMessage(LogLevel.Warning, "Broker event for unknown order {OrderId} ({BrokerOrderId}) ignored")]
    private partial void LogUnknownOrder(Guid orderId, string brokerOrderId);

    [LoggerMessage(LogLevel.Information, "Fill {FillId} on order {OrderId} not applied: {Outcome} {Detail}")]
    private partial void LogFillNotApplied(string fillId, Guid orderId, string outcome, string? detail);
}

/// <summary>Drains the broker's event stream into <see cref="BrokerEventBooking"/>, one event at a time, in order.</summary>
public sealed partial class BrokerEventPump(IBrokerAdapter broker, IServiceScopeFactory scopes, ILogger<BrokerEventPump> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var brokerEvent in broker.Events.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<BrokerEventBooking>().ApplyAsync(brokerEvent, stoppingToken);
                    break;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && attempt < 5)
                {
                    // An order row written a moment ago may not be visible yet, or the database hiccupped: retry briefly.
                    LogRetry(brokerEvent.OrderId, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), stoppingToken);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Broker event for order {OrderId} failed (attempt {Attempt}): {Reason}")]
    private partial void LogRetry(Guid orderId, int attempt, string reason);
}
