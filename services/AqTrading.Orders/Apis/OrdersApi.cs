using AqTrading.Orders.Data;
using AqTrading.Orders.Lifecycle;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders;

public static class OrdersApi
{
    public static WebApplication MapOrdersApi(this WebApplication app)
    {
        app.MapServicePlatform<OrdersDbContext>();
        var api = app.MapGroup("/api/orders").WithTags("Orders");
        api.MapGet("/", ListOrders).WithSummary("Orders, newest first, optionally filtered by account, symbol and status.");
        api.MapGet("/{id:guid}", GetOrder).WithSummary("One order.");
        return app;
    }

    public static async Task<Ok<List<Order>>> ListOrders(string? accountId, string? symbol, OrderStatus? status,
        OrdersDbContext db, CancellationToken ct, int limit = 100)
    {
        var query = db.Orders.AsNoTracking();
        if (accountId is not null)
        {
            query = query.Where(o => o.AccountId == accountId);
        }

        if (symbol is not null)
        {
            query = query.Where(o => o.Symbol == symbol.ToUpperInvariant());
        }

        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }

        return TypedResults.Ok(await query.OrderByDescending(o => o.CreatedAt).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct));
    }

    public static async Task<Results<Ok<Order>, ProblemHttpResult>> GetOrder(Guid id, OrdersDbContext db, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? Problems.NotFound($"No order {id}.") : TypedResults.Ok(order);
    }
}
