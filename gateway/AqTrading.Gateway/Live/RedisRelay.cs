using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace AqTrading.Gateway.Live;

/// <summary>
/// Subscribes once to the live channels in Redis (<c>quotes:*</c> as a pattern, the fixed ones literally) and forwards
/// every message to the SignalR group of the same name, i.e. only to the browsers that subscribed to it. The payload
/// is the publisher's JSON, passed on as a string (no re-serialisation). StackExchange.Redis resubscribes by itself
/// after a reconnect; messages published while Redis is away are missed, so pages load their state over HTTP and
/// treat pushes as updates on top of it.
/// </summary>
public sealed partial class RedisRelay(IConnectionMultiplexer redis, IHubContext<LiveHub> hub, ILogger<RedisRelay> logger)
    : BackgroundService
{
    private readonly List<ChannelMessageQueue> _queues = [];

    /// <summary>Subscribes, retrying while Redis cannot be reached (the gateway serves the UI and APIs meanwhile).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channels = LiveChannels.Fixed.Select(RedisChannel.Literal).Append(RedisChannel.Pattern(LiveChannels.QuotesPattern)).ToList();
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var subscriber = redis.GetSubscriber();
                foreach (var channel in channels.Skip(_queues.Count))
                {
                    var queue = await subscriber.SubscribeAsync(channel);
                    // One queue per channel keeps each channel's messages in publication order.
                    queue.OnMessage(message => ForwardAsync(message.Channel.ToString(), message.Message.ToString()));
                    _queues.Add(queue);
                }

                return;
            }
            catch (RedisException e)
            {
                LogSubscribeFailed(attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }

    private async Task ForwardAsync(string channel, string json)
    {
        try
        {
            await hub.Clients.Group(channel).SendAsync("message", channel, json);
        }
        catch (Exception e)
        {
            LogForwardFailed(channel, e.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var queue in _queues)
        {
            await queue.UnsubscribeAsync();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Subscribing to the live channels failed (attempt {Attempt}): {Reason}")]
    private partial void LogSubscribeFailed(int attempt, string reason);

    [LoggerMessage(LogLevel.Warning, "Live update on {Channel} not forwarded: {Reason}")]
    private partial void LogForwardFailed(string channel, string reason);
}
