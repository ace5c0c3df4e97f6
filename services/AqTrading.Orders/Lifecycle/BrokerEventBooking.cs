using AqTrading.Contracts.Orders;
using AqTrading.Orders.Brokers;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Lifecycle;

/// <summary>
/// Applies what the broker reports to the stored orders, under their row locks: fills once per fill id (with an
/// <see cref="OrderFilled"/> event), status changes only forwards, and <see cref="OrderCompleted"/> when an order
/// reaches a final status — all in the transaction that changes the order. A batch of events (what the broker reported
/// while the previous batch was being written) is applied in one transaction, in the order the broker reported them.
/// </summary>
public sealed partial class BrokerEventBooking(OrdersDbContext db, TimeProvider time, ILogger<BrokerEventBooking> logger)
{
    public Task ApplyAsync(IReadOnlyList<BrokerEvent> events, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            // Locked in id order, so a batch never waits in a cycle with another writer of several orders.
            var ids = events.Select(e => e.OrderId).Distinct().Order().ToArray();
            var orders = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = ANY({ids}) ORDER BY id FOR UPDATE")
                .Include(o => o.Fills).ToDictionaryAsync(o => o.Id, token);
            foreach (var brokerEvent in events)
            {
                if (orders.GetValueOrDefault(brokerEvent.OrderId) is { } order)
                {
                    await ApplyAsync(order, brokerEvent, token);
                }
                else
                {
                    LogUnknownOrder(brokerEvent.OrderId, brokerEvent.BrokerOrderId);
                }
            }

            await db.SaveChangesAsync(token);
        }, ct);

    private async Task ApplyAsync(Order order, BrokerEvent brokerEvent, CancellationToken token)
    {
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
    }

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

/// <summary>
/// Drains the broker's event stream into <see cref="BrokerEventBooking"/> in order: each round takes every event waiting
/// (up to <see cref="MaxBatch"/>) and applies them in one transaction, so the pump keeps up with a burst of fills at the
/// cost of one commit per round rather than one per event. A round that fails is applied again event by event, each
/// retried briefly, so one event that cannot be applied holds back none of the others.
/// </summary>
public sealed partial class BrokerEventPump(IBrokerAdapter broker, IServiceScopeFactory scopes, ILogger<BrokerEventPump> logger)
    : BackgroundService
{
    public const int MaxBatch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<BrokerEvent>(MaxBatch);
        var reader = broker.Events;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var brokerEvent))
            {
                batch.Add(brokerEvent);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await ApplyAsync(batch, stoppingToken);
                continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(batch.Count, e.Message);
            }

            foreach (var brokerEvent in batch)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await ApplyAsync([brokerEvent], stoppingToken);
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
    }

    private async Task ApplyAsync(IReadOnlyList<BrokerEvent> events, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BrokerEventBooking>().ApplyAsync(events, ct);
    }

    [LoggerMessage(LogLevel.Warning, "A batch of {Count} broker events failed ({Reason}); applying them one by one")]
    private partial void LogBatchFailed(int count, string reason);

    [LoggerMessage(LogLevel.Warning, "Broker event for order {OrderId} failed (attempt {Attempt}): {Reason}")]
    private partial void LogRetry(Guid orderId, int attempt, string reason);
}
