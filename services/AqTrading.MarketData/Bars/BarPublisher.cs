using System.Text.Json;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Quotes;
using StackExchange.Redis;

namespace AqTrading.MarketData.Bars;

/// <summary>Publishes completed bars on <c>bars:{resolution}:{SYMBOL}</c> (JSON, web casing).</summary>
public sealed class BarPublisher(IConnectionMultiplexer redis)
{
    /// <exception cref="RedisException">Redis cannot be reached.</exception>
    public Task PublishAsync(Bar bar) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Bar.Channel(bar.Resolution, bar.Symbol)),
            JsonSerializer.Serialize(bar, QuoteStore.Json));

    public bool IsConnected => redis.IsConnected;
}
