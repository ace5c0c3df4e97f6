using AqTrading.Contracts.MarketData;

namespace AqTrading.MarketData.Core.Feed;

/// <summary>One observation of a symbol: its quote plus the volume traded since the previous one.</summary>
public sealed record Tick(string Symbol, DateTimeOffset Time, decimal Bid, decimal Ask, decimal Last, long Volume,
    long BidSize = 0, long AskSize = 0)
{
    public Quote ToQuote() => new(Symbol, Bid, Ask, Last, BidSize, AskSize, Time);

    /// <summary>The price bars are built from: the last trade.</summary>
    public decimal Price => Last;
}
