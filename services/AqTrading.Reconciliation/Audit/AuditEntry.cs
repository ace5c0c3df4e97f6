namespace AqTrading.Reconciliation.Audit;

/// <summary>
/// One row of the append-only audit trail. <see cref="Hash"/> is SHA-256 over <see cref="PreviousHash"/> and the row's
/// canonical content (<see cref="Rules.Audit.AuditChain"/>), so changing or removing any row breaks every link after it.
/// A trigger refuses UPDATE and DELETE; the application only ever inserts.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Gapless position in the chain, assigned under the chain lock.</summary>
    public long Sequence { get; init; }

    public Guid Id { get; init; }

    /// <summary>When it happened (microsecond precision: what PostgreSQL stores, so the hash recomputes).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>e.g. <c>order.filled</c>, <c>risk.state_changed</c>, <c>auth.login</c>.</summary>
    public required string EventType { get; init; }

    /// <summary><c>user</c>, <c>service</c>, <c>agent</c> or <c>system</c>.</summary>
    public required string ActorType { get; init; }

    public required string ActorId { get; init; }

    public required string ResourceType { get; init; }

    public string? ResourceId { get; init; }

    /// <summary>The service the record came from.</summary>
    public required string Source { get; init; }

    /// <summary>Redacted details as canonical JSON (sorted keys), stored as text so the hashed bytes are the stored bytes.</summary>
    public required string Details { get; init; }

    /// <summary>The event or request this record was made from, so a redelivery is recorded once.</summary>
    public Guid? CorrelationId { get; init; }

    public string? PreviousHash { get; init; }

    public required string Hash { get; init; }
}
