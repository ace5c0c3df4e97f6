using AqTrading.Backtest.Data;
using AqTrading.Backtest.Jobs;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Backtest;

public static class BacktestApi
{
    public static WebApplication MapBacktestApi(this WebApplication app)
    {
        app.MapServicePlatform<BacktestDbContext>();
        var api = app.MapGroup("/api/backtest").WithTags("Backtest");
        api.MapGet("/runs", async Task<Ok<List<BacktestRun>>> (BacktestDbContext db, CancellationToken ct, int limit = 50) =>
                TypedResults.Ok(await db.Runs.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct)))
            .WithSummary("Backtest runs, newest first.");
        return app;
    }
}
