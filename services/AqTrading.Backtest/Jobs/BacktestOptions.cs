namespace AqTrading.Backtest.Jobs;

/// <summary><c>Backtest</c> configuration.</summary>
public sealed class BacktestOptions
{
    public Uri MarketDataUrl { get; set; } = new("http://market-data");

    /// <summary>Jobs one replica works on at once (the queue's prefetch and concurrency limit); more replicas, more jobs.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>How this process signs the jobs it runs; default host/process id, unique per replica.</summary>
    public string? WorkerName { get; set; }

    public int MaxSweepRuns { get; set; } = 200;

    public int MaxWalkForwardCandidates { get; set; } = 50;

    /// <summary>How often a running job stores its progress, publishes it and checks for a cancel (≤ 4/s at the default).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public string Worker => string.IsNullOrWhiteSpace(WorkerName) ? $"{Environment.MachineName}/{Environment.ProcessId}" : WorkerName;
}
