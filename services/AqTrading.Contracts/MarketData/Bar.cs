namespace AqTrading.Contracts.MarketData;

/// <summary>
/// An OHLCV bar of one symbol over [<paramref name="Start"/>, <paramref name="End"/>) in UTC. Market data stores
/// completed bars in its database, serves them through its history API and publishes each one as it completes on the
/// Redis pub/sub channel <see cref="Channel"/> (JSON, web casing), which the live strategy engine subscribes to.
/// </summary>
/// <param name="Resolution"><c>1m</c> or <c>1d</c>.</param>
public sealed record Bar(
    string Symbol,
    string Resolution,
    DateTimeOffset Start,
    DateTimeOffset End,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    long Volume)
{
    public static string Channel(string resolution, string symbol) => $"bars:{resolution}:{symbol.ToUpperInvariant()}";
}
