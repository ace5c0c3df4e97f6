namespace AqTrading.Contracts.Risk;

/// <summary>The platform's trading state changed (RUNNING, PAUSED, HALTED).</summary>
public sealed record TradingStateChanged(
    string State,
    string PreviousState,
    string ChangedBy,
    string? Reason,
    bool CanResume,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
