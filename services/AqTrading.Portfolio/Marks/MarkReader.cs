using System.Text.Json;
using AqTrading.Contracts.MarketData;
using StackExchange.Redis;

namespace AqTrading.Portfolio.Marks;

/// <summary>Reads the latest quote market data keeps in Redis to mark positions (mid price).</summary>
public sealed class MarkReader(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Quote?> LatestQuoteAsync(string symbol)
    {
        var value = await redis.GetDatabase().StringGetAsync(Quote.RedisKey(symbol));
        return value.HasValue ? JsonSerializer.Deserialize<Quote>(value.ToString(), Json) : null;
    }
}
