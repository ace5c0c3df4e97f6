namespace AqTrading.Contracts.Derivatives;

/// <summary>
/// A held option or future expires within <paramref name="ThresholdDays"/> days. Published by derivatives once per position and
/// threshold; the operations service alerts on it (deduplicated per position and threshold, not per 10 minutes).
/// </summary>
public sealed record ContractExpiring(
    string AccountId,
    string Symbol,
    string AssetClass,
    DateOnly Expiry,
    int DaysToExpiry,
    int ThresholdDays,
    decimal Quantity,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
