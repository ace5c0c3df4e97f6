using System.Threading.Channels;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;
using AqTrading.MarketData.Core.Feed;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.MarketData.Bars;

public sealed class BarOptions
{
    /// <summary>How long after its end an idle bar waits for late ticks before the timer closes it.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often idle bars are checked.</summary>
    public TimeSpan CloseInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Live bars: every quote (feed or <c>PUT /quotes</c>) goes into one <see cref="BarAggregator"/>, and the bars it
/// completes are stored and then published, strictly in completion order, by one writer loop. A timer closes bars of
/// symbols that went quiet. A database failure is logged and the bar is still published (strategies should not starve
/// because a write failed); a Redis failure is logged and the bar is still stored.
/// </summary>
public sealed partial class LiveBars(BarStore store, BarPublisher publisher, TimeProvider time, IOptions<BarOptions> options,
    ILogger<LiveBars> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly BarAggregator _aggregator = new(Resolutions.All, options.Value.Grace);
    private readonly Channel<Bar> _completed = Channel.CreateUnbounded<Bar>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Adds a tick (its last price, else its mid, and its volume).</summary>
    public void Add(Tick tick) => Add(tick.Symbol, tick.Time, tick.Last, tick.Volume);

    public void Add(string symbol, DateTimeOffset time, decimal price, long volume)
    {
        if (price <= 0)
        {
            return;
        }

        lock (_gate)
        {
            Complete(_aggregator.Add(symbol, time, price, volume));
        }
    }

    /// <summary>Closes idle bars now (the timer calls this; tests may too).</summary>
    public void CloseDue()
    {
        lock (_gate)
        {
            Complete(_aggregator.CloseDue(time.GetUtcNow()));
        }
    }

    private void Complete(IReadOnlyList<Bar> bars)
    {
        foreach (var bar in bars)
        {
            _completed.Writer.TryWrite(bar);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WriteLoopAsync(stoppingToken), CloseLoopAsync(stoppingToken));

    private async Task CloseLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.CloseInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                CloseDue();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var batch = new List<Bar>();
        try
        {
            while (await _completed.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < 1000 && _completed.Reader.TryRead(out var bar))
                {
                    batch.Add(bar);
                }

                try
                {
                    await store.UpsertAsync(batch, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogStoreFailed(batch.Count, e.Message);
                }

                foreach (var bar in batch)
                {
                    if (!publisher.IsConnected)
                    {
                        LogPublishFailed(bar.Symbol, bar.Resolution, bar.Start, "not connected");
                        continue;
                    }

                    try
                    {
                        await publisher.PublishAsync(bar);
                    }
                    catch (RedisException e)
                    {
                        LogPublishFailed(bar.Symbol, bar.Resolution, bar.Start, e.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Error, "{Count} completed bars could not be stored ({Reason}); they are still published")]
    private partial void LogStoreFailed(int count, string reason);

    [LoggerMessage(LogLevel.Warning, "Bar {Symbol} {Resolution} {Start} not published: Redis failed ({Reason})")]
    private partial void LogPublishFailed(string symbol, string resolution, DateTimeOffset start, string reason);
}
