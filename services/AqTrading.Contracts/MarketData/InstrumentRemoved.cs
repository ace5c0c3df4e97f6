namespace AqTrading.Contracts.MarketData;

/// <summary>An instrument was deleted from the market-data catalogue. Its stored bars stay.</summary>
public sealed record InstrumentRemoved(string Symbol, string AssetClass, DateTimeOffset OccurredAt) : IIntegrationEvent;
