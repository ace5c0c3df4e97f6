using AqTrading.Contracts.Operations;
using AqTrading.Reconciliation.Audit;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Runs;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Reconciliation;

public static class ReconciliationApi
{
    public static WebApplication MapReconciliationApi(this WebApplication app)
    {
        app.MapServicePlatform<ReconciliationDbContext>();
        var api = app.MapGroup("/api/reconciliation").WithTags("Reconciliation");
        api.MapGet("/runs", ListRuns).WithSummary("Reconciliation runs, newest first (each with what it found).");
        api.MapGet("/runs/{id:guid}", GetRun).WithSummary("One run with its discrepancies.");
        api.MapPost("/runs", RunNow).WithSummary("Reconciles now: every account, or the one named; answers the runs.");
        api.MapGet("/discrepancies", ListDiscrepancies).WithSummary("Discrepancies, newest first, by status (open|resolved) and severity.");
        api.MapGet("/discrepancies/{id:guid}", GetDiscrepancy).WithSummary("One discrepancy.");
        api.MapPost("/discrepancies/{id:guid}/resolve", Resolve)
            .WithSummary("An operator resolves a discrepancy (audited); the last critical one resolved lifts reconciliation's REDUCING.");
        app.MapAlertsApi();
        app.MapAuditApi();
        app.MapHealthApi();
        return app;
    }

    public sealed record RunView(Guid Id, string AccountId, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, bool IsClean,
        int DiscrepancyCount, int PositionsChecked, long DurationMs, string? Error, IReadOnlyList<RunFinding> Discrepancies)
    {
        public static RunView From(ReconciliationRun r) => new(r.Id, r.AccountId, Reconciler.Name(r.Trigger), r.StartedAt, r.CompletedAt,
            r.IsClean, r.DiscrepancyCount, r.PositionsChecked, r.DurationMs, r.Error, r.Findings);
    }

    public static async Task<Ok<List<RunView>>> ListRuns(ReconciliationDbContext db, CancellationToken ct, string? accountId = null, int limit = 50)
    {
        var query = db.Runs.AsNoTracking();
        if (accountId is not null)
        {
            query = query.Where(r => r.AccountId == accountId);
        }

        var runs = await query.OrderByDescending(r => r.StartedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(RunView.From).ToList());
    }

    public static async Task<Results<Ok<RunView>, ProblemHttpResult>> GetRun(Guid id, ReconciliationDbContext db, CancellationToken ct) =>
        await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } run
            ? TypedResults.Ok(RunView.From(run))
            : Problems.NotFound($"No reconciliation run {id}.");

    public sealed record RunRequest(string? AccountId);

    public static async Task<Results<Ok<List<RunView>>, ValidationProblem>> RunNow(RunRequest? request, Reconciler reconciler, CancellationToken ct)
    {
        if (request?.AccountId is { } account && (string.IsNullOrWhiteSpace(account) || account.Length > 64))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = ["An account id of 1 to 64 characters."] });
        }

        var runs = request?.AccountId is { } one
            ? [await reconciler.RunAsync(one.Trim(), ReconciliationTrigger.Manual, ct)]
            : await reconciler.RunAllAsync(ReconciliationTrigger.Manual, ct);
        return TypedResults.Ok(runs.Select(RunView.From).ToList());
    }

    public static async Task<Results<Ok<List<Discrepancy>>, ValidationProblem>> ListDiscrepancies(ReconciliationDbContext db, CancellationToken ct,
        string? status = null, string? severity = null, string? accountId = null, int limit = 100)
    {
        var query = db.Discrepancies.AsNoTracking();
        switch (status)
        {
            case null:
                break;
            case "open":
                query = query.Where(d => d.Status == DiscrepancyStatus.Open);
                break;
            case "resolved":
                query = query.Where(d => d.Status == DiscrepancyStatus.Resolved);
                break;
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Status must be open or resolved."] });
        }

        if (severity is not null)
        {
            if (severity is not ("critical" or "warning" or "info"))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["severity"] = ["Severity must be critical, warning or info."] });
            }

            query = query.Where(d => d.Severity == severity);
        }

        if (accountId is not null)
        {
            query = query.Where(d => d.AccountId == accountId);
        }

        return TypedResults.Ok(await query.OrderByDescending(d => d.FirstSeenAt).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct));
    }

    public static async Task<Results<Ok<Discrepancy>, ProblemHttpResult>> GetDiscrepancy(Guid id, ReconciliationDbContext db, CancellationToken ct) =>
        await db.Discrepancies.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } d
            ? TypedResults.Ok(d)
            : Problems.NotFound($"No discrepancy {id}.");

    public sealed record ResolveRequest(string? Note);

    public sealed record ResolveView(Discrepancy Discrepancy, bool TradingResumed);

    public static async Task<Results<Ok<ResolveView>, ValidationProblem, ProblemHttpResult>> Resolve(Guid id, ResolveRequest? request,
        ReconciliationDbContext db, AuditLog audit, TradingGuard guard, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var note = request?.Note?.Trim();
        if (note is { Length: > 1000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["The note is limited to 1000 characters."] });
        }

        var by = http.User.Identity?.Name ?? "operator";
        var outcome = await db.InTransactionAsync(async token =>
        {
            var d = await db.Discrepancies.FromSql($"SELECT * FROM discrepancies WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(token);
            if (d is null || d.Status == DiscrepancyStatus.Resolved)
            {
                return (d, false, false);
            }

            var now = time.GetUtcNow();
            d.Status = DiscrepancyStatus.Resolved;
            d.ResolvedAt = now;
            d.ResolvedBy = by;
            d.ResolutionNote = note;
            db.AddIntegrationEvent(new DiscrepancyResolved(d.Id, d.AccountId, d.Type, d.Severity, by, note, now));
            await audit.AppendAsync(new AuditRequest("reconciliation.discrepancy_resolved", "user", by, "discrepancy", d.Id.ToString(),
                "reconciliation", new { d.AccountId, d.Type, d.Severity, d.Symbol, d.LocalValue, d.BrokerValue, note }, now), token);
            await db.SaveChangesAsync(token);
            var criticalLeft = await db.Discrepancies.AnyAsync(x => x.Status == DiscrepancyStatus.Open && x.Severity == "critical", token);
            return (d, true, !criticalLeft && d.Severity == "critical");
        }, ct);
        var (discrepancy, resolvedNow, lastCritical) = outcome;
        if (discrepancy is null)
        {
            return Problems.NotFound($"No discrepancy {id}.");
        }

        if (!resolvedNow)
        {
            return Problems.Conflict($"Discrepancy {id} was already resolved.", "already_resolved");
        }

        var resumed = lastCritical && await guard.ReleaseAsync(ct);
        return TypedResults.Ok(new ResolveView(discrepancy, resumed));
    }
}
