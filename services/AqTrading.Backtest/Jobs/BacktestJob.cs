namespace AqTrading.Backtest.Jobs;

public enum JobKind { Backtest, Sweep, WalkForward }

public enum JobStatus { Queued, Running, Completed, Failed, Cancelled }

/// <summary>
/// A backtest, a parameter sweep or a walk-forward validation: its request, where it stands, who works on it and (when
/// done) its result. A sweep's runs are jobs of their own (kind backtest) pointing to it through <see cref="ParentId"/>.
/// Status only moves forward (queued → running → completed | failed | cancelled); every transition is a conditional
/// update, so a cancelled job never becomes completed.
/// </summary>
public sealed class BacktestJob
{
    public Guid Id { get; init; }

    /// <summary>Insertion order: the list's newest-first order and its cursor.</summary>
    public long Sequence { get; private set; }

    public JobKind Kind { get; init; }

    public JobStatus Status { get; set; }

    /// <summary>The sweep a run belongs to.</summary>
    public Guid? ParentId { get; init; }

    /// <summary>The run's position in its sweep's grid.</summary>
    public int? SweepIndex { get; init; }

    public required string Strategy { get; init; }

    /// <summary>The normalised request (defaults filled in) as JSON.</summary>
    public required string Request { get; init; }

    /// <summary>0 to 1.</summary>
    public double Progress { get; set; }

    /// <summary>The worker (host/process id) that ran it; null for a sweep, whose runs have their own.</summary>
    public string? Worker { get; set; }

    public string? Error { get; set; }

    /// <summary>The full result as JSON (curves, trades, traces; a sweep's ranking; a walk-forward's verdict).</summary>
    public string? Result { get; set; }

    /// <summary>A run's statistics and benchmark statistics without curves, so a sweep collects without reading every curve.</summary>
    public string? Summary { get; set; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public static bool IsFinal(JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}
