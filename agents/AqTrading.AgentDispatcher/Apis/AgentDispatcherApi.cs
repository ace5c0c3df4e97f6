using AqTrading.AgentDispatcher.Data;
using AqTrading.AgentDispatcher.Runs;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.AgentDispatcher;

public static class AgentDispatcherApi
{
    public static WebApplication MapAgentDispatcherApi(this WebApplication app)
    {
        app.MapServicePlatform<AgentsDbContext>();
        var api = app.MapGroup("/api/agents").WithTags("Agents");
        api.MapGet("/runs", async Task<Ok<List<AgentRun>>> (AgentsDbContext db, CancellationToken ct, int limit = 50) =>
                TypedResults.Ok(await db.Runs.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct)))
            .WithSummary("Agent runs, newest first.");
        return app;
    }
}
