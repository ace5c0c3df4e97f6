using System.Threading.Channels;
using AqTrading.Contracts.MarketData;

namespace AqTrading.MarketData.Quotes;

/// <summary>
/// Carries the feed's quotes to Redis off the feed's own loop, in order, through a queue of at most 1,000 quotes that
/// drops the oldest when Redis falls behind (as the original's pump did): a slow or absent Redis never stalls the feed,
/// and the newest quote is the one that matters.
/// </summary>
public sealed partial class QuoteFanOut(QuoteStore store, ILogger<QuoteFanOut> logger) : BackgroundService
{
    private long _dropped;
    private readonly Channel<Quote> _queue = Channel.CreateBounded<Quote>(new BoundedChannelOptions(1000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <summary>Remembers the quote at once (GET serves it) and queues its Redis write and publication.</summary>
    public void Publish(Quote quote)
    {
        store.Remember(quote);
        if (_queue.Reader.Count >= 1000 && Interlocked.Increment(ref _dropped) % 100 == 1)
        {
            LogDropping(_dropped);
        }

        _queue.Writer.TryWrite(quote);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var quote in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await store.WriteAsync(quote);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis is behind the feed: {Dropped} queued quotes dropped so far (the newest are kept)")]
    private partial void LogDropping(long dropped);
}
