namespace AqTrading.Reconciliation.Runs;

public enum ReconciliationTrigger { Startup, Periodic, Fill, Manual }

/// <summary>One comparison of our books with the broker's: when, why, and what it found.</summary>
public sealed class ReconciliationRun
{
    public Guid Id { get; init; }

    public required string AccountId { get; init; }

    public ReconciliationTrigger Trigger { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsClean { get; set; }

    public int DiscrepancyCount { get; set; }

    /// <summary>The symbols compared: the union of both sides' positions.</summary>
    public int PositionsChecked { get; set; }

    public long DurationMs { get; set; }

    /// <summary>Why the run could not compare (a side unreachable); null when it did.</summary>
    public string? Error { get; set; }

    /// <summary>Every difference this run found (stored with the run, jsonb), each pointing at its discrepancy.</summary>
    public List<RunFinding> Findings { get; set; } = [];
}

public sealed record RunFinding(Guid DiscrepancyId, string Type, string Severity, string? Symbol, Guid? OrderId, decimal? LocalValue,
    decimal? BrokerValue, string Message);
