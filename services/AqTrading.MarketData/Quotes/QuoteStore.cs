using System.Collections.Concurrent;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using StackExchange.Redis;

namespace AqTrading.MarketData.Quotes;

public sealed class QuoteOptions
{
    /// <summary>A quote whose event time is older than this is reported stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The latest quote per symbol: written to Redis <c>quote:{symbol}</c> for every service and published on
/// <c>quotes:{symbol}</c> (the same JSON), and kept in this process's memory so quotes are still served while Redis is
/// down (DESIGN §6). While the connection is down Redis is not even tried, so nothing waits for its timeouts.
/// </summary>
public sealed partial class QuoteStore(IConnectionMultiplexer redis, ILogger<QuoteStore> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Quote> _latest = new(StringComparer.OrdinalIgnoreCase);
    private long _skippedWhileDown;

    /// <summary>Keeps the quote in memory and writes and publishes it to Redis.</summary>
    public async Task PutAsync(Quote quote)
    {
        Remember(quote);
        await WriteAsync(quote);
    }

    /// <summary>Keeps the quote in memory only (the feed hands the Redis write to <see cref="QuoteFanOut"/>).</summary>
    public void Remember(Quote quote) => _latest[quote.Symbol] = quote;

    /// <summary>Sets <c>quote:{symbol}</c> and publishes on <c>quotes:{symbol}</c>; logs and returns when Redis fails.</summary>
    public async Task WriteAsync(Quote quote)
    {
        if (!redis.IsConnected)
        {
            // One warning per 100 skipped writes, not one per tick.
            if (Interlocked.Increment(ref _skippedWhileDown) % 100 == 1)
            {
                LogRedisWriteFailed(quote.Symbol, "not connected");
            }

            return;
        }

        try
        {
            var json = JsonSerializer.Serialize(quote, Json);
            // Both commands go out back to back on the one connection, so subscribers see quotes in write order.
            var set = redis.GetDatabase().StringSetAsync(Quote.RedisKey(quote.Symbol), json);
            var publish = redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Quote.Channel(quote.Symbol)), json);
            await Task.WhenAll(set, publish);
        }
        catch (RedisException e)
        {
            LogRedisWriteFailed(quote.Symbol, e.Message);
        }
    }

    /// <summary>
    /// Writes every quote held in memory to Redis again: after Redis comes back from an outage (a restarted Redis keeps
    /// nothing), other services read the latest quotes at once instead of waiting for each symbol's next tick. The
    /// quotes keep their own times, so their age stays honest.
    /// </summary>
    public async Task<int> RestoreAsync()
    {
        var quotes = _latest.Values.ToList();
        foreach (var quote in quotes)
        {
            await WriteAsync(quote);
        }

        return quotes.Count;
    }

    public async Task<Quote?> GetAsync(string symbol)
    {
        if (redis.IsConnected)
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
        }

        return _latest.GetValueOrDefault(symbol);
    }

    [LoggerMessage(LogLevel.Warning, "Quote for {Symbol} kept in memory only: Redis write failed ({Reason})")]
    private partial void LogRedisWriteFailed(string symbol, string reason);

    [LoggerMessage(LogLevel.Warning, "Quote for {Symbol} served from memory: Redis read failed ({Reason})")]
    private partial void LogRedisReadFailed(string symbol, string reason);
}
