using System.Text.Json;
using AqTrading.Contracts.MarketData;
using StackExchange.Redis;

namespace AqTrading.ServicePlatform.Quotes;

/// <summary>Reads the latest quotes market data keeps in Redis (<c>quote:{symbol}</c>).</summary>
public sealed class QuoteReader(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Quote?> LatestQuoteAsync(string symbol) =>
        (await LatestQuotesAsync([symbol])).GetValueOrDefault(symbol.ToUpperInvariant());

    /// <summary>The latest quote of each symbol that has one, in one round trip (MGET).</summary>
    /// <exception cref="RedisException">Redis cannot be reached.</exception>
    public async Task<IReadOnlyDictionary<string, Quote>> LatestQuotesAsync(IReadOnlyCollection<string> symbols)
    {
        var result = new Dictionary<string, Quote>(StringComparer.OrdinalIgnoreCase);
        if (symbols.Count == 0)
        {
            return result;
        }

        var keys = symbols.Select(s => (RedisKey)Quote.RedisKey(s)).ToArray();
        var values = await redis.GetDatabase().StringGetAsync(keys);
        foreach (var value in values)
        {
            if (value.HasValue && JsonSerializer.Deserialize<Quote>(value.ToString(), Json) is { } quote)
            {
                result[quote.Symbol] = quote;
            }
        }

        return result;
    }
}
