namespace AqTrading.Contracts.Agents;

/// <summary>
/// An agent run ended (agent-dispatcher). <paramref name="Status"/> is succeeded, failed or timed_out;
/// <paramref name="KeysWritten"/> lists the Redis keys the run wrote (<c>risk_bias</c>, <c>sentiment:{SYMBOL}</c>,
/// <c>events:{type}</c>); <paramref name="DeniedToolCalls"/> counts the calls its role was not permitted.
/// </summary>
public sealed record AgentRunCompleted(
    Guid RunId,
    string Role,
    string Task,
    string Status,
    bool Success,
    string? Summary,
    string? Error,
    IReadOnlyList<string> KeysWritten,
    int ToolCalls,
    int DeniedToolCalls,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    long DurationMs,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
