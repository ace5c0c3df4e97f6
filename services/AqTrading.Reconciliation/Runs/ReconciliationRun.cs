namespace AqTrading.Reconciliation.Runs;

public enum ReconciliationTrigger { Startup, Periodic, Fill, Manual }

/// <summary>One comparison of our books with the broker's: when, why, and how many discrepancies it found.</summary>
public sealed class ReconciliationRun
{
    public Guid Id { get; init; }

    public required string AccountId { get; init; }

    public ReconciliationTrigger Trigger { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsClean { get; set; }

    public int DiscrepancyCount { get; set; }
}
