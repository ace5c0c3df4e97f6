using AqTrading.Orders.Data;
using AqTrading.Orders.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Close;

internal static class CloseProgress
{
    /// <summary>
    /// When a closing order ends, its close request learns how much it filled — in the caller's transaction, so the
    /// order's final status and the request's progress commit together.
    /// </summary>
    public static async Task OrderFinishedAsync(OrdersDbContext db, Order order, DateTimeOffset now, CancellationToken ct)
    {
        if (order.CloseRequestId is not { } closeId)
        {
            return;
        }

        var request = await db.CloseRequests.FromSql($"SELECT * FROM close_requests WHERE id = {closeId} FOR UPDATE").SingleOrDefaultAsync(ct);
        request?.OrderFinished(order.Id, order.FilledQuantity, order.RejectCode, now);
    }
}
