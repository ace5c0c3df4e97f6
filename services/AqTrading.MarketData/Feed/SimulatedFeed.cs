using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Bars;
using AqTrading.MarketData.Core.Bars;
using AqTrading.MarketData.Core.Feed;
using AqTrading.MarketData.Data;
using AqTrading.MarketData.Quotes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.MarketData.Feed;

/// <summary>
/// The embedded simulated feed: every <see cref="FeedOptions.TickInterval"/> each configured symbol takes one step
/// of its seeded random walk; the quote goes to memory at once and to Redis (<c>quote:{symbol}</c> and
/// <c>quotes:{symbol}</c>) through <see cref="QuoteFanOut"/>, and the tick into the live bars. Ticks are accepted per
/// symbol only when newer than the last accepted one (duplicates and out-of-order ticks, e.g. injected faults, are
/// dropped — as the original's sources deduplicated by timestamp).
/// </summary>
public sealed partial class SimulatedFeed(
    IOptions<FeedOptions> feedOptions,
    IOptions<DemoOptions> demoOptions,
    QuoteFanOut quotes,
    LiveBars bars,
    BarStore store,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<SimulatedFeed> logger) : BackgroundService
{
    private readonly Dictionary<string, DateTimeOffset> _lastAccepted = new(StringComparer.OrdinalIgnoreCase);

    public bool Enabled => feedOptions.Value.Enabled || demoOptions.Value.Enabled;

    /// <summary>The symbols the feed runs: the configured ones, or the demo's when the demo is on and none are.</summary>
    public IReadOnlyList<FeedSymbol> Symbols =>
        (feedOptions.Value.Symbols.Count == 0 && demoOptions.Value.Enabled ? FeedOptions.DemoSymbols : feedOptions.Value.Symbols)
        .Select(s => s.ToFeedSymbol()).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var options = feedOptions.Value;
        var seed = options.Seed ?? Random.Shared.Next();
        var market = new SimulatedMarket(Symbols, seed);
        var faults = options.Faults.Any ? new FaultInjector(options.Faults, new Random(seed)) : null;
        LogStarting(market.Walks.Count, string.Join(", ", market.Walks.Select(w => w.Symbol)), seed, options.TickInterval.TotalMilliseconds);

        try
        {
            await PrepareHistoryAsync(market, options.SeedHistoryMinutes ?? (demoOptions.Value.Enabled ? 390 : 0), stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogHistoryFailed(e.Message); // the live feed does not depend on it
        }

        using var timer = new PeriodicTimer(options.TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                var ticks = market.Step(now);
                foreach (var tick in faults?.Process(ticks, now) ?? ticks)
                {
                    Accept(tick);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Accept(Tick tick)
    {
        if (_lastAccepted.TryGetValue(tick.Symbol, out var last) && tick.Time <= last)
        {
            return;
        }

        _lastAccepted[tick.Symbol] = tick.Time;
        quotes.Publish(tick.ToQuote());
        bars.Add(tick);
    }

    /// <summary>
    /// A symbol with one-minute history continues from its last close. One without gets <paramref name="minutes"/>
    /// whole minutes of history ending at the current minute, from the same seeded walk stepped at the tick interval,
    /// stored (not published: it is the past).
    /// </summary>
    private async Task PrepareHistoryAsync(SimulatedMarket market, int minutes, CancellationToken ct)
    {
        var needHistory = new List<RandomWalk>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketDataDbContext>();
            foreach (var walk in market.Walks)
            {
                var last = await db.Bars.AsNoTracking()
                    .Where(b => b.Symbol == walk.Symbol && b.Resolution == Resolutions.Minute)
                    .OrderByDescending(b => b.Start).Select(b => (decimal?)b.Close).FirstOrDefaultAsync(ct);
                if (last is { } close)
                {
                    walk.Reset(close);
                }
                else if (minutes > 0)
                {
                    needHistory.Add(walk);
                }
            }
        }

        if (needHistory.Count == 0)
        {
            return;
        }

        var end = Resolutions.PeriodOf(Resolutions.Minute, time.GetUtcNow()).Start;
        var aggregator = new BarAggregator([Resolutions.Minute], TimeSpan.Zero);
        var history = new List<Bar>();
        for (var t = end.AddMinutes(-minutes); t < end; t += feedOptions.Value.TickInterval)
        {
            foreach (var walk in needHistory)
            {
                if (walk.Next(t) is { } tick)
                {
                    history.AddRange(aggregator.Add(tick.Symbol, tick.Time, tick.Last, tick.Volume));
                }
            }
        }

        history.AddRange(aggregator.CloseDue(end));
        await store.UpsertAsync(history, ct);
        LogHistorySeeded(history.Count, string.Join(", ", needHistory.Select(w => w.Symbol)));
    }

    [LoggerMessage(LogLevel.Information, "Simulated feed: {Count} symbols ({Symbols}), seed {Seed}, a tick every {IntervalMs} ms")]
    private partial void LogStarting(int count, string symbols, int seed, double intervalMs);

    [LoggerMessage(LogLevel.Information, "Simulated feed: {Count} one-minute bars of history seeded for {Symbols}")]
    private partial void LogHistorySeeded(int count, string symbols);

    [LoggerMessage(LogLevel.Warning, "Simulated feed: seeding history failed ({Reason}); the live feed runs without it")]
    private partial void LogHistoryFailed(string reason);
}
