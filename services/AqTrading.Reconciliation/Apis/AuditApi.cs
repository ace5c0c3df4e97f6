using AqTrading.Reconciliation.Audit;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Rules.Audit;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Reconciliation;

public static class AuditApi
{
    public static WebApplication MapAuditApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit");
        api.MapGet("/", List).WithSummary("Audit records, newest first, filtered by event type, resource, actor and time; paged (limit ≤ 100).");
        api.MapGet("/verify", Verify).WithSummary("Recomputes the whole hash chain and reports the first broken link.");
        api.MapGet("/{sequence:long}", Get).WithSummary("One audit record.");
        api.MapPost("/records", Record)
            .WithSummary("Platform services only (a service token): records an event a service without a bus saw, e.g. the gateway's sign-ins.");
        return app;
    }

    public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Offset, int Limit);

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(ReconciliationDbContext db, CancellationToken ct, string? eventType = null,
        string? resourceType = null, string? resourceId = null, string? actorId = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        int offset = 0, int limit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (offset < 0)
        {
            errors["offset"] = ["The offset must not be negative."];
        }

        if (limit is < 1 or > 100)
        {
            errors["limit"] = ["The limit must be between 1 and 100."];
        }

        if (from > to)
        {
            errors["from"] = ["'from' must not be after 'to'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.AuditEntries.AsNoTracking();
        if (eventType is not null)
        {
            // "order" matches every order.* event; "order.filled" one type.
            query = eventType.Contains('.') ? query.Where(e => e.EventType == eventType) : query.Where(e => e.EventType.StartsWith(eventType + "."));
        }

        if (resourceType is not null)
        {
            query = query.Where(e => e.ResourceType == resourceType);
        }

        if (resourceId is not null)
        {
            query = query.Where(e => e.ResourceId == resourceId);
        }

        if (actorId is not null)
        {
            query = query.Where(e => e.ActorId == actorId);
        }

        if (from is not null)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(e => e.Sequence).Skip(offset).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(new AuditPage(page, total, offset, limit));
    }

    public static async Task<Results<Ok<AuditEntry>, ProblemHttpResult>> Get(long sequence, ReconciliationDbContext db, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == sequence, ct) is { } entry
            ? TypedResults.Ok(entry)
            : Problems.NotFound($"No audit record {sequence}.");

    public sealed record VerifyView(bool IsValid, long EntriesVerified, long? FirstBrokenSequence, string? Problem, string? HeadHash);

    /// <summary>Reads the chain in pages of 1000 in sequence order, each page continuing from the last verified link.</summary>
    public static async Task<Ok<VerifyView>> Verify(ReconciliationDbContext db, CancellationToken ct)
    {
        const int page = 1000;
        long verified = 0;
        long? expected = 1;
        string? previous = null;
        long after = 0;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(page).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return TypedResults.Ok(new VerifyView(true, verified, null, null, previous));
            }

            var result = AuditChain.Verify(rows.Select(r => new AuditLink(AuditLog.ToRecord(r), r.PreviousHash, r.Hash)), expected, previous);
            verified += result.EntriesVerified;
            if (!result.IsValid)
            {
                return TypedResults.Ok(new VerifyView(false, verified, result.FirstBrokenSequence, result.Problem, null));
            }

            previous = rows[^1].Hash;
            after = rows[^1].Sequence;
            expected = after + 1;
        }
    }

    /// <param name="EventType">e.g. <c>auth.login</c>, <c>auth.failed</c>.</param>
    public sealed record RecordRequest(string? EventType, string? ActorType, string? ActorId, string? ResourceType, string? ResourceId,
        System.Text.Json.Nodes.JsonObject? Details, DateTimeOffset? OccurredAt, Guid? CorrelationId);

    public static async Task<Results<Created<AuditEntry>, Ok, ValidationProblem, ProblemHttpResult>> Record(RecordRequest request,
        ReconciliationDbContext db, AuditLog audit, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var caller = http.User.FindFirst("sub")?.Value ?? "";
        if (!caller.StartsWith("service:", StringComparison.Ordinal))
        {
            return TypedResults.Problem("Only platform services record audit events; people's actions are recorded where they happen.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.EventType) || request.EventType.Length > 64 || !request.EventType.Contains('.'))
        {
            errors["eventType"] = ["An event type like auth.login (group.action, up to 64 characters) is required."];
        }

        if (string.IsNullOrWhiteSpace(request.ActorId))
        {
            errors["actorId"] = ["The actor is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var entry = await db.InTransactionAsync(async token =>
        {
            var e = await audit.AppendAsync(new AuditRequest(request.EventType!, request.ActorType ?? "user", request.ActorId!,
                request.ResourceType ?? "session", request.ResourceId, caller["service:".Length..], request.Details,
                request.OccurredAt ?? time.GetUtcNow(), request.CorrelationId), token);
            await db.SaveChangesAsync(token);
            return e;
        }, ct);
        return entry is null ? TypedResults.Ok() : TypedResults.Created($"/api/audit/{entry.Sequence}", entry);
    }
}
