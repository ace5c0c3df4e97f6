using AqTrading.Portfolio.Accounts;
using AqTrading.Portfolio.Data;
using AqTrading.ServicePlatform.Quotes;
using AqTrading.Portfolio.Positions;
using AqTrading.Portfolio.Books;
using AqTrading.Portfolio.Bookings;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AqTrading.Portfolio;

public static class PortfolioApi
{
    public static WebApplication MapPortfolioApi(this WebApplication app)
    {
        app.MapServicePlatform<PortfolioDbContext>();
        var api = app.MapGroup("/api/portfolio").WithTags("Portfolio");
        api.MapGet("/accounts", ListAccounts).WithSummary("Every account with cash, equity, buying power and P&L at current marks.");
        api.MapGet("/accounts/{id}", GetAccount).WithSummary("One account with cash, equity, buying power and P&L at current marks.");
        api.MapGet("/accounts/{id}/positions", ListPositions).WithSummary("Open positions at their marks, optionally of one strategy.");
        api.MapGet("/accounts/{id}/positions/{symbol}", GetPositions).WithSummary("The positions in one symbol (one per strategy).");
        api.MapGet("/accounts/{id}/pnl", GetPnl).WithSummary("Realized (every transaction), unrealized and total P&L.");
        api.MapGet("/accounts/{id}/exposure", GetExposure).WithSummary("Gross, net and per-symbol exposure at current marks.");
        api.MapGet("/accounts/{id}/transactions", ListTransactions).WithSummary("Booked fills, newest first.");
        api.MapBookings();
        api.MapGet("/marks/{symbol}", GetMark).WithSummary("The mark (mid of the latest quote) used to value a position.");
        return app;
    }

    public static async Task<Ok<List<AccountView>>> ListAccounts(PortfolioDbContext db, AccountValuator valuator, CancellationToken ct)
    {
        var views = new List<AccountView>();
        foreach (var id in await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct))
        {
            views.Add((await valuator.AccountAsync(id, ct))!);
        }

        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> GetAccount(string id, AccountValuator valuator, CancellationToken ct) =>
        await valuator.AccountAsync(id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound($"No account '{id}'.");

    public static async Task<Results<Ok<IReadOnlyList<PositionView>>, ProblemHttpResult>> ListPositions(string id, string? strategyId,
        PortfolioDbContext db, AccountValuator valuator, CancellationToken ct) =>
        await AccountExists(db, id, ct)
            ? TypedResults.Ok(await valuator.PositionsAsync(id, strategyId, ct))
            : Problems.NotFound($"No account '{id}'.");

    public static async Task<Results<Ok<IReadOnlyList<PositionView>>, ProblemHttpResult>> GetPositions(string id, string symbol,
        PortfolioDbContext db, AccountValuator valuator, CancellationToken ct)
    {
        if (!await AccountExists(db, id, ct))
        {
            return Problems.NotFound($"No account '{id}'.");
        }

        var positions = (await valuator.PositionsAsync(id, null, ct))
            .Where(p => string.Equals(p.Symbol, symbol, StringComparison.OrdinalIgnoreCase)).ToList();
        return positions.Count > 0
            ? TypedResults.Ok<IReadOnlyList<PositionView>>(positions)
            : Problems.NotFound($"Account '{id}' holds no {symbol.ToUpperInvariant()}.");
    }

    public static async Task<Results<Ok<PnlView>, ProblemHttpResult>> GetPnl(string id, string? strategyId,
        PortfolioDbContext db, AccountValuator valuator, CancellationToken ct) =>
        await AccountExists(db, id, ct) ? TypedResults.Ok(await valuator.PnlAsync(id, strategyId, ct)) : Problems.NotFound($"No account '{id}'.");

    public static async Task<Results<Ok<ExposureView>, ProblemHttpResult>> GetExposure(string id,
        PortfolioDbContext db, AccountValuator valuator, CancellationToken ct) =>
        await AccountExists(db, id, ct) ? TypedResults.Ok(await valuator.ExposureAsync(id, ct)) : Problems.NotFound($"No account '{id}'.");

    public static async Task<Results<Ok<List<TransactionRecord>>, ProblemHttpResult>> ListTransactions(string id,
        PortfolioDbContext db, CancellationToken ct, int limit = 100) =>
        await AccountExists(db, id, ct)
            ? TypedResults.Ok(await db.Transactions.AsNoTracking().Where(t => t.AccountId == id)
                .OrderByDescending(t => t.ExecutedAt).ThenByDescending(t => t.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct))
            : Problems.NotFound($"No account '{id}'.");

    public sealed record Mark(string Symbol, decimal Price, decimal Bid, decimal Ask, DateTimeOffset QuoteTime);

    public static async Task<Results<Ok<Mark>, ProblemHttpResult>> GetMark(string symbol, QuoteReader marks)
    {
        try
        {
            var quote = await marks.LatestQuoteAsync(symbol);
            return quote is null
                ? Problems.NotFound($"No quote for {symbol.ToUpperInvariant()}: it cannot be marked yet.")
                : TypedResults.Ok(new Mark(quote.Symbol, quote.Mid, quote.Bid, quote.Ask, quote.Time));
        }
        catch (RedisException)
        {
            return TypedResults.Problem("Quotes are unavailable right now (Redis cannot be reached).",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Quotes unavailable");
        }
    }

    private static Task<bool> AccountExists(PortfolioDbContext db, string id, CancellationToken ct) =>
        db.Accounts.AnyAsync(a => a.Id == id, ct);
}
