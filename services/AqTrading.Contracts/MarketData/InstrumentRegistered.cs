namespace AqTrading.Contracts.MarketData;

/// <summary>A tradable instrument was added to the market-data catalogue.</summary>
/// <param name="Symbol">Our symbol: a ticker, an OCC option symbol or a futures root + month code + year.</param>
/// <param name="AssetClass"><c>equity</c>, <c>option</c> or <c>future</c>.</param>
/// <param name="Underlying">For options and futures, the underlying (or futures root); null for equities.</param>
/// <param name="Expiry">For options and futures, the last trading day; null for equities.</param>
/// <param name="Strike">For options only.</param>
/// <param name="Right">For options only: <c>call</c> or <c>put</c>.</param>
public sealed record InstrumentRegistered(
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
