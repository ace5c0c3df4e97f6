namespace AqTrading.Backtest.Jobs;

public enum BacktestStatus { Queued, Running, Completed, Failed }

/// <summary>A backtest job: its request, where it stands, and (when done) its result.</summary>
public sealed class BacktestRun
{
    public Guid Id { get; init; }

    public required string Strategy { get; init; }

    /// <summary>The full request (symbols, dates, capital, costs, benchmark) as JSON.</summary>
    public string Request { get; init; } = "{}";

    public BacktestStatus Status { get; set; }

    /// <summary>0 to 1 while running.</summary>
    public double Progress { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }
}
