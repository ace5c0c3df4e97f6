namespace AqTrading.Reconciliation.Runs;

public enum DiscrepancyStatus { Open, Resolved }

/// <summary>
/// A difference between our books and the broker's, open until an operator resolves it. A run that finds the same
/// difference again (same <see cref="Key"/>) updates it; one found after its resolution opens a new discrepancy.
/// </summary>
public sealed class Discrepancy
{
    public Guid Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary>type:symbol (or type:orderId, type:account): the same difference across runs.</summary>
    public required string Key { get; init; }

    public required string Type { get; init; }

    public required string Severity { get; init; }

    public string? Symbol { get; init; }

    public Guid? OrderId { get; init; }

    public decimal? LocalValue { get; set; }

    public decimal? BrokerValue { get; set; }

    public required string Message { get; set; }

    public DiscrepancyStatus Status { get; set; }

    public Guid FirstRunId { get; init; }

    public Guid LastRunId { get; set; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>How many runs found it.</summary>
    public int Occurrences { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? ResolutionNote { get; set; }
}
