using System.Collections.Concurrent;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.MarketData.Quotes;

public sealed class QuoteOptions
{
    /// <summary>A quote whose event time is older than this is reported stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The latest quote per symbol: written to Redis <c>quote:{symbol}</c> for every service, and kept in this
/// process's memory so quotes are still served while Redis is down (DESIGN §6).
/// </summary>
public sealed partial class QuoteStore(IConnectionMultiplexer redis, ILogger<QuoteStore> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Quote> _latest = new(StringComparer.OrdinalIgnoreCase);

    public async Task PutAsync(Quote quote)
    {
        _latest[quote.Symbol] = quote;
        try
        {
            await redis.GetDatabase().StringSetAsync(Quote.RedisKey(quote.Symbol), JsonSerializer.Serialize(quote, Json));
        }
        catch (RedisException e)
        {
            LogRedisWriteFailed(quote.Symbol, e.Message);
        }
    }

    public async Task<Quote?> GetAsync(string symbol)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Quote.RedisKey(symbol));
            if (value.HasValue)
            {
                return JsonSerializer.Deserialize<Quote>(value.ToString(), Json);
            }
        }
        catch (RedisException e)
        {
            LogRedisReadFailed(symbol, e.Message);
        }

        return _latest.GetValueOrDefault(symbol);
    }

    [LoggerMessage(LogLevel.Warning, "Quote for {Symbol} kept in memory only: Redis write failed ({Reason})")]
    private partial void LogRedisWriteFailed(string symbol, string reason);

    [LoggerMessage(LogLevel.Warning, "Quote for {Symbol} served from memory: Redis read failed ({Reason})")]
    private partial void LogRedisReadFailed(string symbol, string reason);
}
