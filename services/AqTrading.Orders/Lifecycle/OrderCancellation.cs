using AqTrading.Orders.Brokers;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Lifecycle;

/// <summary>
/// Cancel: the order moves to CANCEL_REQUESTED under its row lock, then the broker is asked; its confirmation
/// (or a fill that won the race) arrives on the broker's event stream like any other update.
/// </summary>
public sealed class OrderCancellation(OrdersDbContext db, IBrokerAdapter broker, TimeProvider time)
{
    public async Task<(Order? Order, CancelResult? Result)> CancelAsync(Guid orderId, CancellationToken ct)
    {
        var (order, result) = await db.InTransactionAsync(async token =>
        {
            var found = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {orderId} FOR UPDATE")
                .Include(o => o.Fills).SingleOrDefaultAsync(token);
            if (found is null)
            {
                return ((Order?)null, (CancelResult?)null);
            }

            var state = found.ToState();
            var outcome = state.RequestCancel();
            if (outcome.Changed)
            {
                found.Apply(state, "cancel requested", time.GetUtcNow());
                await db.SaveChangesAsync(token);
            }

            return (found, outcome);
        }, ct);

        if (order?.BrokerOrderId is { } brokerOrderId && result is { Changed: true })
        {
            await broker.CancelAsync(brokerOrderId, ct);
        }

        return (order, result);
    }
}
