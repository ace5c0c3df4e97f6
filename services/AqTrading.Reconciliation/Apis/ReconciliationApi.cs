using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Runs;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Reconciliation;

public static class ReconciliationApi
{
    public static WebApplication MapReconciliationApi(this WebApplication app)
    {
        app.MapServicePlatform<ReconciliationDbContext>();
        var api = app.MapGroup("/api/reconciliation").WithTags("Reconciliation");
        api.MapGet("/runs", async Task<Ok<List<ReconciliationRun>>> (ReconciliationDbContext db, CancellationToken ct, int limit = 50) =>
                TypedResults.Ok(await db.Runs.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct)))
            .WithSummary("Reconciliation runs, newest first.");
        return app;
    }
}
