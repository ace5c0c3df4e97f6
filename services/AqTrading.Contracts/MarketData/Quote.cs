namespace AqTrading.Contracts.MarketData;

/// <summary>
/// The latest quote of a symbol, as market data keeps it in Redis under <see cref="RedisKey"/> (JSON, web casing).
/// <paramref name="Time"/> is the event time (UTC) the quote was observed at, which staleness is measured from.
/// </summary>
public sealed record Quote(
    string Symbol,
    decimal Bid,
    decimal Ask,
    decimal? Last,
    long BidSize,
    long AskSize,
    DateTimeOffset Time)
{
    public decimal Mid => (Bid + Ask) / 2m;

    public static string RedisKey(string symbol) => $"quote:{symbol.ToUpperInvariant()}";

    /// <summary>The Redis pub/sub channel every new quote of the symbol is published on (the same JSON).</summary>
    public static string Channel(string symbol) => $"quotes:{symbol.ToUpperInvariant()}";
}
