using System.Text.Json;
using System.Threading.Channels;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Rules.Alerts;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Reconciliation.Alerts;

/// <summary>What a source wants to alert about; <see cref="AlertService"/> deduplicates and stores it.</summary>
public sealed record AlertRequest(string Type, int Severity, string Summary, object? Details, DateTimeOffset OccurredAt,
    string? AccountId = null, string? Symbol = null, string? StrategyId = null, string? FingerprintOverride = null);

/// <summary>Alerts stored and waiting for delivery (their ids); the delivery worker drains it.</summary>
public sealed class AlertQueue
{
    public Channel<Guid> Pending { get; } = Channel.CreateBounded<Guid>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });
}

/// <summary>
/// Records alerts inside the caller's transaction (so an alert exists exactly when the fact behind it was committed):
/// a repeat of the same fingerprint in the same 10-minute bucket only increments the first one's suppressed count.
/// After the commit, <see cref="Dispatch"/> hands the new ones to the delivery worker.
/// </summary>
public sealed class AlertService(ReconciliationDbContext db, AlertQueue queue, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<Guid> _created = [];

    /// <summary>Adds the alert (or counts a duplicate) to the context; the caller saves. Returns the alert's id.</summary>
    public async Task<Guid> RaiseAsync(AlertRequest request, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var fingerprint = request.FingerprintOverride ?? AlertRules.Fingerprint(request.Type, request.AccountId, request.Symbol, request.StrategyId);
        var key = AlertRules.DedupeKey(request.Type, fingerprint, request.OccurredAt, id);
        var existing = db.Alerts.Local.FirstOrDefault(a => a.Type == request.Type && a.DedupeKey == key)
            ?? await db.Alerts.SingleOrDefaultAsync(a => a.Type == request.Type && a.DedupeKey == key, ct);
        if (existing is not null)
        {
            existing.SuppressedCount++;
            return existing.Id;
        }

        db.Alerts.Add(new Alert
        {
            Id = id, Type = request.Type, Severity = Math.Clamp(request.Severity, 1, 3), Fingerprint = fingerprint, DedupeKey = key,
            Summary = AlertRules.Summary(request.Summary), Details = JsonSerializer.Serialize(request.Details ?? new { }, Json),
            AccountId = request.AccountId, Symbol = request.Symbol, StrategyId = request.StrategyId, OccurredAt = request.OccurredAt,
            CreatedAt = time.GetUtcNow(),
        });
        _created.Add(id);
        return id;
    }

    /// <summary>Call after the commit: queues the alerts created through this instance for delivery.</summary>
    public void Dispatch()
    {
        foreach (var id in _created)
        {
            queue.Pending.Writer.TryWrite(id);
        }

        _created.Clear();
    }
}
