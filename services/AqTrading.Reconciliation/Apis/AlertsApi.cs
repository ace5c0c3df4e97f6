using AqTrading.Reconciliation.Alerts;
using AqTrading.Reconciliation.Audit;
using AqTrading.Reconciliation.Data;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Reconciliation;

public static class AlertsApi
{
    public static WebApplication MapAlertsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/alerts").WithTags("Alerts");
        api.MapGet("/", List).WithSummary("Alerts, newest first, by severity (1..3), type and acknowledgement; paged with offset and limit (≤ 100).");
        api.MapGet("/stats", Stats).WithSummary("The last 24 hours: totals by severity and type, and the delivery success rate.");
        api.MapGet("/{id:guid}", Get).WithSummary("One alert with its details.");
        api.MapGet("/{id:guid}/deliveries", Deliveries).WithSummary("Every delivery attempt of an alert.");
        api.MapPost("/{id:guid}/acknowledge", Acknowledge).WithSummary("Acknowledges an alert (who and when are kept; audited).");
        return app;
    }

    public sealed record AlertPage(IReadOnlyList<Alert> Alerts, int Total, int Offset, int Limit);

    public static async Task<Results<Ok<AlertPage>, ValidationProblem>> List(ReconciliationDbContext db, CancellationToken ct, int? severity = null,
        string? type = null, bool? acknowledged = null, int offset = 0, int limit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (severity is not null and not (1 or 2 or 3))
        {
            errors["severity"] = ["Severity must be 1, 2 or 3."];
        }

        if (offset < 0)
        {
            errors["offset"] = ["The offset must not be negative."];
        }

        if (limit is < 1 or > 100)
        {
            errors["limit"] = ["The limit must be between 1 and 100."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Alerts.AsNoTracking();
        if (severity is not null)
        {
            query = query.Where(a => a.Severity == severity);
        }

        if (type is not null)
        {
            query = query.Where(a => a.Type == type);
        }

        if (acknowledged is not null)
        {
            query = acknowledged.Value ? query.Where(a => a.AcknowledgedAt != null) : query.Where(a => a.AcknowledgedAt == null);
        }

        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip(offset).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(new AlertPage(page, total, offset, limit));
    }

    public sealed record AlertStats(int Total24h, IReadOnlyDictionary<string, int> BySeverity, IReadOnlyDictionary<string, int> ByType,
        int Unacknowledged, double DeliverySuccessRate);

    public static async Task<Ok<AlertStats>> Stats(ReconciliationDbContext db, TimeProvider time, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddHours(-24);
        var recent = db.Alerts.AsNoTracking().Where(a => a.CreatedAt >= since);
        var bySeverity = await recent.GroupBy(a => a.Severity).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byType = await recent.GroupBy(a => a.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var unacknowledged = await recent.CountAsync(a => a.AcknowledgedAt == null, ct);
        // Per destination the final outcome counts: sent if any attempt was sent.
        var outcomes = await db.AlertDeliveries.AsNoTracking().Where(d => d.CreatedAt >= since)
            .GroupBy(d => new { d.AlertId, d.Destination }).Select(g => g.Any(d => d.Status == "sent")).ToListAsync(ct);
        return TypedResults.Ok(new AlertStats(bySeverity.Sum(s => s.Count),
            new[] { 1, 2, 3 }.ToDictionary(s => $"SEV{s}", s => bySeverity.FirstOrDefault(x => x.Key == s)?.Count ?? 0),
            byType.ToDictionary(t => t.Key, t => t.Count), unacknowledged,
            outcomes.Count == 0 ? 1.0 : outcomes.Count(o => o) / (double)outcomes.Count));
    }

    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> Get(Guid id, ReconciliationDbContext db, CancellationToken ct) =>
        await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is { } alert
            ? TypedResults.Ok(alert)
            : Problems.NotFound($"No alert {id}.");

    public static async Task<Results<Ok<List<AlertDelivery>>, ProblemHttpResult>> Deliveries(Guid id, ReconciliationDbContext db, CancellationToken ct)
    {
        if (!await db.Alerts.AnyAsync(a => a.Id == id, ct))
        {
            return Problems.NotFound($"No alert {id}.");
        }

        return TypedResults.Ok(await db.AlertDeliveries.AsNoTracking().Where(d => d.AlertId == id)
            .OrderBy(d => d.Destination).ThenBy(d => d.Attempt).ToListAsync(ct));
    }

    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> Acknowledge(Guid id, ReconciliationDbContext db, AuditLog audit, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        var by = http.User.Identity?.Name ?? "operator";
        var alert = await db.InTransactionAsync(async token =>
        {
            var a = await db.Alerts.FromSql($"SELECT * FROM alerts WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(token);
            if (a is null || a.AcknowledgedAt is not null)
            {
                return a; // acknowledging twice keeps the first acknowledgement
            }

            a.AcknowledgedAt = time.GetUtcNow();
            a.AcknowledgedBy = by;
            await audit.AppendAsync(new AuditRequest("alert.acknowledged", "user", by, "alert", a.Id.ToString(), "reconciliation",
                new { a.Type, a.Severity, a.Summary }, a.AcknowledgedAt.Value), token);
            await db.SaveChangesAsync(token);
            return a;
        }, ct);
        return alert is null ? Problems.NotFound($"No alert {id}.") : TypedResults.Ok(alert);
    }
}
