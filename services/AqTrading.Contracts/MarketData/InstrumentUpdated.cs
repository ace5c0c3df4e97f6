namespace AqTrading.Contracts.MarketData;

/// <summary>An instrument's terms were replaced (<c>PUT /api/market/instruments/{symbol}</c>); carries the new terms.</summary>
public sealed record InstrumentUpdated(
    string Symbol,
    string AssetClass,
    decimal Multiplier,
    decimal TickSize,
    string Currency,
    string Exchange,
    string? Underlying,
    DateOnly? Expiry,
    decimal? Strike,
    string? Right,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
