using StackExchange.Redis;

namespace AqTrading.MarketData.Quotes;

/// <summary>
/// When the Redis connection is restored, the latest quotes held in memory are written back (<see cref="QuoteStore.RestoreAsync"/>):
/// the paper broker and risk read <c>quote:{symbol}</c>, and a resting order must not wait for its symbol's next tick.
/// </summary>
public sealed partial class QuoteRestorer(IConnectionMultiplexer redis, QuoteStore quotes, ILogger<QuoteRestorer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnRestored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnRestored;
        return Task.CompletedTask;
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                LogRestored(await quotes.RestoreAsync());
            }
            catch (Exception error) when (error is RedisException or TimeoutException)
            {
                LogRestoreFailed(error.Message);
            }
        });
    }

    [LoggerMessage(LogLevel.Information, "Redis connection restored: {Count} latest quotes written back")]
    private partial void LogRestored(int count);

    [LoggerMessage(LogLevel.Warning, "Redis connection restored but writing the latest quotes back failed: {Reason}")]
    private partial void LogRestoreFailed(string reason);
}
