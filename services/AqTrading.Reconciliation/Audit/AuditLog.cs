using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Rules.Audit;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Reconciliation.Audit;

/// <summary>What to record; details are redacted and made canonical before hashing.</summary>
public sealed record AuditRequest(string EventType, string ActorType, string ActorId, string ResourceType, string? ResourceId, string Source,
    object? Details, DateTimeOffset OccurredAt, Guid? CorrelationId = null);

/// <summary>
/// Appends to the hash chain inside the caller's transaction: a transaction-scoped advisory lock serialises appenders
/// (across replicas too), the head is read, the new row linked to it. Rows are only ever inserted.
/// </summary>
public sealed class AuditLog(ReconciliationDbContext db, TimeProvider time)
{
    /// <summary>An arbitrary constant naming the chain's lock.</summary>
    private const long ChainLock = 0x4155_4449_5400; // "AUDIT"

    /// <summary>Must run inside a transaction (<c>db.InTransactionAsync</c>); the caller saves.</summary>
    public async Task<AuditEntry?> AppendAsync(AuditRequest request, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", ct);
        if (request.CorrelationId is { } correlation && await db.AuditEntries.AnyAsync(e => e.CorrelationId == correlation, ct))
        {
            return null; // recorded before (a redelivery)
        }

        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var pending = db.AuditEntries.Local.OrderByDescending(e => e.Sequence).FirstOrDefault();
        var (sequence, previous) = pending is not null && pending.Sequence > (head?.Sequence ?? 0)
            ? (pending.Sequence + 1, pending.Hash)
            : ((head?.Sequence ?? 0) + 1, head?.Hash);
        var record = new AuditRecord(sequence, Guid.CreateVersion7(), AuditChain.Truncate(request.OccurredAt), request.EventType,
            request.ActorType, Limit(request.ActorId, 128), request.ResourceType, request.ResourceId is null ? null : Limit(request.ResourceId, 128),
            request.Source, AuditDetails.Canonicalize(request.Details));
        var entry = new AuditEntry
        {
            Sequence = record.Sequence, Id = record.Id, OccurredAt = record.OccurredAt, RecordedAt = time.GetUtcNow(), EventType = record.EventType,
            ActorType = record.ActorType, ActorId = record.ActorId, ResourceType = record.ResourceType, ResourceId = record.ResourceId,
            Source = record.Source, Details = record.Details, CorrelationId = request.CorrelationId, PreviousHash = previous,
            Hash = AuditChain.Hash(previous, record),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public static AuditRecord ToRecord(AuditEntry e) =>
        new(e.Sequence, e.Id, e.OccurredAt, e.EventType, e.ActorType, e.ActorId, e.ResourceType, e.ResourceId, e.Source, e.Details);

    private static string Limit(string value, int length) => value.Length <= length ? value : value[..length];
}
