namespace AqTrading.AgentDispatcher.Runs;

public enum AgentRole { Researcher, Analyst, RiskController, Ops }

public enum AgentRunStatus { Queued, Running, Succeeded, Failed, TimedOut }

/// <summary>One invocation of an agent in its sandboxed worker process.</summary>
public sealed class AgentRun
{
    public Guid Id { get; init; }

    public AgentRole Role { get; init; }

    public required string Task { get; init; }

    /// <summary>The caller's context as a JSON object.</summary>
    public string Context { get; init; } = "{}";

    public AgentRunStatus Status { get; set; }

    /// <summary>The worker's result as JSON, when it finished.</summary>
    public string? Result { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }
}
