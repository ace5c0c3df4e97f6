using AqTrading.Agents.Abstractions.Roles;

namespace AqTrading.AgentDispatcher.Runs;

public enum AgentRunStatus { Queued, Running, Succeeded, Failed, TimedOut }

/// <summary>
/// One invocation of an agent in its sandboxed worker process — a row of <c>agent_results</c> (the seed's table):
/// what was asked, what the worker answered, how long it took and every tool call it made, allowed or denied.
/// </summary>
public sealed class AgentRun
{
    public Guid Id { get; init; }

    public AgentRole Role { get; init; }

    public required string Task { get; init; }

    /// <summary>The caller's context as a JSON object.</summary>
    public string Context { get; init; } = "{}";

    /// <summary><c>api</c> or <c>schedule:{name}</c>.</summary>
    public string Trigger { get; init; } = "api";

    public AgentRunStatus Status { get; set; }

    /// <summary>The worker's own verdict (its <c>success</c>); false for a crash, a timeout or a protocol error.</summary>
    public bool? Success { get; set; }

    /// <summary>The worker's result as JSON, when it finished.</summary>
    public string? Result { get; set; }

    /// <summary>The worker's one-sentence summary.</summary>
    public string? Summary { get; set; }

    public string? Error { get; set; }

    /// <summary>Every tool call as JSON: <c>[{id, tool, args, allowed, requirement, ok, error, at, durationMs}]</c>.</summary>
    public string ToolCalls { get; set; } = "[]";

    /// <summary>How the worker was confined (network, memory, time) as JSON.</summary>
    public string? Sandbox { get; set; }

    public int? ExitCode { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public long? DurationMs { get; set; }

    public bool IsTerminal => Status is AgentRunStatus.Succeeded or AgentRunStatus.Failed or AgentRunStatus.TimedOut;

    public AgentRun Copy() => (AgentRun)MemberwiseClone();
}
