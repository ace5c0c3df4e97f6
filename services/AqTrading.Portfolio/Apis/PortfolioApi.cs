using AqTrading.Portfolio.Accounts;
using AqTrading.Portfolio.Data;
using AqTrading.Portfolio.Marks;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AqTrading.Portfolio;

public static class PortfolioApi
{
    public static WebApplication MapPortfolioApi(this WebApplication app)
    {
        app.MapServicePlatform<PortfolioDbContext>();
        var api = app.MapGroup("/api/portfolio").WithTags("Portfolio");
        api.MapGet("/accounts", ListAccounts).WithSummary("Trading accounts and their cash.");
        api.MapGet("/accounts/{id}", GetAccount).WithSummary("One trading account.");
        api.MapGet("/marks/{symbol}", GetMark).WithSummary("The mark (mid of the latest quote) used to value a position.");
        return app;
    }

    public static async Task<Ok<List<Account>>> ListAccounts(PortfolioDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct));

    public static async Task<Results<Ok<Account>, ProblemHttpResult>> GetAccount(string id, PortfolioDbContext db, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        return account is null ? Problems.NotFound($"No account '{id}'.") : TypedResults.Ok(account);
    }

    public sealed record Mark(string Symbol, decimal Price, decimal Bid, decimal Ask, DateTimeOffset QuoteTime);

    public static async Task<Results<Ok<Mark>, ProblemHttpResult>> GetMark(string symbol, MarkReader marks)
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
}
