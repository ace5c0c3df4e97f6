using AqTrading.Orders.Close;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
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
        api.MapPost("/", Submit).WithSummary("Submits an order: risk decides, then the broker. Idempotency-Key makes a repeat return the first order.");
        api.MapGet("/", ListOrders).WithSummary("Orders, newest first, filtered by account, strategy, symbol, status and creation time.");
        api.MapGet("/{id:guid}", GetOrder).WithSummary("One order with its fills and every status transition.");
        api.MapPost("/cancel-all", CancelAll).WithSummary("Cancels every working order (of one account, or all).");
        api.MapPost("/flatten", Flatten).WithSummary("Closes every position of an account with market orders (the kill switch's flatten).");
        api.MapPost("/positions/{symbol}/close", ClosePosition).WithSummary("Closes a whole position with market orders (Idempotency-Key required; 409 while a close is working).");
        api.MapGet("/close-requests/{id:guid}", GetCloseRequest).WithSummary("A close request: target, filled, retries, status.");
        api.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Asks the broker to cancel; the order moves to cancel_requested.");
        return app;
    }

    public static async Task<Results<Created<Order>, Ok<Order>, ValidationProblem>> Submit(SubmitOrderRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, OrderSubmission submission, CancellationToken ct)
    {
        var outcome = await submission.SubmitAsync(request, idempotencyKey, ct);
        if (outcome.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return outcome.Replayed
            ? TypedResults.Ok(outcome.Order!)
            : TypedResults.Created($"/api/orders/{outcome.Order!.Id}", outcome.Order);
    }

    public static async Task<Results<Ok<List<Order>>, ValidationProblem>> ListOrders(string? accountId, string? strategyId, string? symbol,
        OrderStatus? status, DateTimeOffset? from, DateTimeOffset? to, OrdersDbContext db, CancellationToken ct, int limit = 100)
    {
        if (from > to)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["'from' must not be after 'to'."] });
        }

        var query = db.Orders.AsNoTracking();
        if (accountId is not null)
        {
            query = query.Where(o => o.AccountId == accountId);
        }

        if (strategyId is not null)
        {
            query = query.Where(o => o.StrategyId == strategyId);
        }

        if (symbol is not null)
        {
            query = query.Where(o => o.Symbol == symbol.ToUpperInvariant());
        }

        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }

        if (from is not null)
        {
            query = query.Where(o => o.CreatedAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(o => o.CreatedAt < to);
        }

        return TypedResults.Ok(await query.OrderByDescending(o => o.CreatedAt).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct));
    }

    public static async Task<Results<Ok<Order>, ProblemHttpResult>> GetOrder(Guid id, OrdersDbContext db, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Fills).Include(o => o.Transitions.OrderBy(t => t.Id))
            .SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? Problems.NotFound($"No order {id}.") : TypedResults.Ok(order);
    }

    public static async Task<Results<Created<CloseRequest>, Ok<CloseRequest>, ValidationProblem, ProblemHttpResult>> ClosePosition(
        string symbol, ClosePositionRequest? request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, PositionClosing closing,
        CancellationToken ct)
    {
        var outcome = await closing.CloseAsync(symbol, request ?? new ClosePositionRequest(null, null), idempotencyKey, ct);
        return outcome.Kind switch
        {
            CloseOutcomeKind.Created => TypedResults.Created($"/api/orders/close-requests/{outcome.Request!.Id}", outcome.Request),
            CloseOutcomeKind.Replayed => TypedResults.Ok(outcome.Request!),
            CloseOutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
            CloseOutcomeKind.NoPosition => Problems.NotFound(outcome.Detail!),
            CloseOutcomeKind.AlreadyClosing => TypedResults.Problem(outcome.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                extensions: new Dictionary<string, object?> { ["code"] = "position_already_closing", ["activeCloseRequestId"] = outcome.Request?.Id }),
            _ => TypedResults.Problem(outcome.Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Portfolio unavailable"),
        };
    }

    public static async Task<Results<Ok<CloseRequest>, ProblemHttpResult>> GetCloseRequest(Guid id, OrdersDbContext db, CancellationToken ct) =>
        await db.CloseRequests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } close
            ? TypedResults.Ok(close)
            : Problems.NotFound($"No close request {id}.");

    public sealed record AccountScope(string? AccountId);

    public static async Task<Ok<IReadOnlyList<CancelledOrder>>> CancelAll(AccountScope? scope, KillSwitchActions actions, CancellationToken ct) =>
        TypedResults.Ok(await actions.CancelAllAsync(scope?.AccountId, ct));

    public static async Task<Results<Ok<IReadOnlyList<FlattenOrder>>, ValidationProblem>> Flatten(AccountScope? scope, KillSwitchActions actions,
        CancellationToken ct) =>
        string.IsNullOrWhiteSpace(scope?.AccountId)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = ["The account to flatten is required."] })
            : TypedResults.Ok(await actions.FlattenAsync(scope.AccountId, ct));

    public static async Task<Results<Accepted<Order>, ProblemHttpResult>> Cancel(Guid id, OrderCancellation cancellation, CancellationToken ct)
    {
        var (order, result) = await cancellation.CancelAsync(id, ct);
        if (order is null)
        {
            return Problems.NotFound($"No order {id}.");
        }

        return result!.Outcome == CancelOutcome.Refused
            ? Problems.Conflict(result.Message ?? "The order cannot be cancelled.", result.ReasonCode)
            : TypedResults.Accepted($"/api/orders/{id}", order);
    }
}
