using AqTrading.Risk.Bias;
using AqTrading.Risk.Checks;
using AqTrading.ServicePlatform.Quotes;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.Risk.Degradation;

/// <summary>Settings under <c>Risk:Degradation</c>.</summary>
public sealed class DegradationOptions
{
    /// <summary>
    /// When set, trading is REDUCING while the newest quote of <see cref="MarketDataSymbols"/> is older than this (the
    /// reference's market_data.stale). Unset (the default) turns the rule off: without a live feed (tests, weekends) every
    /// quote is old.
    /// </summary>
    public TimeSpan? MarketDataStaleAfter { get; set; }

    /// <summary>The symbols whose quotes show the feed is alive.</summary>
    public List<string> MarketDataSymbols { get; set; } = ["SPY"];

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed record DependencyStatus(string Name, bool Healthy, string? Detail);

/// <summary>What the monitor last saw: the dependencies and whether market data is stale.</summary>
public sealed record DegradationSnapshot(bool MarketDataStale, string? MarketDataDetail, IReadOnlyList<DependencyStatus> Dependencies, DateTimeOffset CheckedAt)
{
    public static readonly DegradationSnapshot Unknown = new(false, null, [], DateTimeOffset.MinValue);
}

/// <summary>
/// Watches what risk depends on, once a second, off the hot path: Redis (bias falls back to 1.0 without it — trading
/// continues), market-data freshness (stale → the pre-trade check treats RUNNING as REDUCING until quotes are fresh
/// again), and the portfolio (account snapshots; a check without one fails closed).
/// </summary>
public sealed class DegradationMonitor(IConnectionMultiplexer redis, QuoteReader quotes, RiskBiasMonitor bias, IHttpClientFactory clients,
    IOptionsMonitor<DegradationOptions> options, TimeProvider time) : BackgroundService
{
    private volatile DegradationSnapshot _current = DegradationSnapshot.Unknown;

    public DegradationSnapshot Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _current = await CheckAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _current = _current with { Dependencies = [new DependencyStatus("monitor", false, e.Message)] };
            }

            await Task.Delay(options.CurrentValue.CheckInterval, time, stoppingToken);
        }
    }

    public async Task<DegradationSnapshot> CheckAsync()
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var dependencies = new List<DependencyStatus>();
        bool redisUp;
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            redisUp = true;
            dependencies.Add(new DependencyStatus("redis", true, $"ping {latency.TotalMilliseconds:0.0} ms; risk bias {bias.Current.Value} ({bias.Current.Source})"));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redisUp = false;
            dependencies.Add(new DependencyStatus("redis", false, $"unreachable ({e.Message}); risk bias 1.0, trading continues"));
        }

        var stale = false;
        string? detail;
        if (settings.MarketDataStaleAfter is not { } limit)
        {
            detail = "staleness rule off (Risk:Degradation:MarketDataStaleAfter unset)";
        }
        else if (!redisUp)
        {
            // Quotes live in Redis: without it their age is unknown, and the feed itself may well be fine.
            detail = "quote age unknown while Redis is down";
        }
        else
        {
            var latest = (await quotes.LatestQuotesAsync(settings.MarketDataSymbols)).Values.Select(q => (DateTimeOffset?)q.Time).Max();
            var age = latest is null ? (TimeSpan?)null : now - latest.Value;
            stale = age is null || age > limit;
            detail = age is null ? $"no quote of {string.Join(", ", settings.MarketDataSymbols)}" : $"newest quote {age.Value.TotalSeconds:0} s old (limit {limit.TotalSeconds:0} s)";
        }

        dependencies.Add(new DependencyStatus("market-data", !stale, detail));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var response = await clients.CreateClient(AccountSnapshots.HttpClientName).GetAsync("/api/portfolio/info", timeout.Token);
            dependencies.Add(new DependencyStatus("portfolio", response.IsSuccessStatusCode,
                response.IsSuccessStatusCode ? "account snapshots readable" : $"answered {(int)response.StatusCode}; orders of unknown accounts fail closed"));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            dependencies.Add(new DependencyStatus("portfolio", false, $"unreachable ({e.Message}); orders of accounts not yet cached fail closed"));
        }
        return new DegradationSnapshot(stale, detail, dependencies, now);
    }
}
