using AqTrading.ServicePlatform.Hosting;
using AqTrading.Strategies.Data;
using AqTrading.Strategies.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Strategies;

public static class StrategiesApi
{
    public static WebApplication MapStrategiesApi(this WebApplication app)
    {
        app.MapServicePlatform<StrategiesDbContext>();
        var api = app.MapGroup("/api/strategies").WithTags("Strategies");
        api.MapGet("/", async Task<Ok<List<StrategyDefinition>>> (StrategiesDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Strategies.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)))
            .WithSummary("Configured strategies with their status.");
        return app;
    }
}
