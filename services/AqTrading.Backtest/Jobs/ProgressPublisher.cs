using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace AqTrading.Backtest.Jobs;

/// <summary>The message on Redis <c>backtest:progress</c>.</summary>
public sealed record JobProgress(Guid Id, JobKind Kind, JobStatus Status, double Progress, string? Worker);

/// <summary>
/// PUBLISHes job progress on Redis <c>backtest:progress</c> (JSON, camelCase, snake_case enums) for the gateway's live hub.
/// A status change always goes out; a progress-only change at most once per interval per job. Redis being away loses
/// the message (the database holds the truth; clients poll <c>GET /jobs/{id}</c>), never the job.
/// </summary>
public sealed partial class ProgressPublisher(IConnectionMultiplexer redis, TimeProvider time, ILogger<ProgressPublisher> logger)
{
    public const string Channel = "backtest:progress";
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<Guid, (JobStatus Status, long At)> _last = new();

    public async Task PublishAsync(JobProgress progress)
    {
        var now = time.GetTimestamp();
        if (_last.TryGetValue(progress.Id, out var last) && last.Status == progress.Status && time.GetElapsedTime(last.At, now) < MinInterval)
        {
            return;
        }

        _last[progress.Id] = (progress.Status, now);
        if (BacktestJob.IsFinal(progress.Status))
        {
            _last.TryRemove(progress.Id, out _);
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), JsonSerializer.Serialize(progress, Runs.RunResult.Json));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogPublishFailed(progress.Id, e.Message);
        }
    }

    public Task PublishAsync(BacktestJob job) => PublishAsync(new JobProgress(job.Id, job.Kind, job.Status, job.Progress, job.Worker));

    [LoggerMessage(LogLevel.Warning, "Progress of backtest job {JobId} not published: {Reason}")]
    private partial void LogPublishFailed(Guid jobId, string reason);
}
