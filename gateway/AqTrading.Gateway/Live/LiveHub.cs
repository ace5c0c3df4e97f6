using Microsoft.AspNetCore.SignalR;

namespace AqTrading.Gateway.Live;

/// <summary>
/// <c>/hubs/live</c>: a client subscribes to channels by name and receives <c>message(channel, json)</c> for each
/// Redis publication on them (<see cref="RedisRelay"/>). Authorised like any <c>/hubs</c> path (viewer, JWT; browsers
/// pass it as <c>access_token</c> on the query string because WebSockets carry no Authorization header).
/// </summary>
public sealed class LiveHub : Hub
{
    public const string Path = "/hubs/live";

    /// <summary>Follows a channel; answers the canonical name, or throws a <see cref="HubException"/> naming the channels allowed.</summary>
    public async Task<string> Subscribe(string channel)
    {
        var name = LiveChannels.Normalise(channel)
            ?? throw new HubException($"Unknown channel '{channel}'. Channels: quotes:{{SYMBOL}}, {string.Join(", ", LiveChannels.Fixed)}.");
        await Groups.AddToGroupAsync(Context.ConnectionId, name);
        return name;
    }

    public async Task Unsubscribe(string channel)
    {
        if (LiveChannels.Normalise(channel) is { } name)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, name);
        }
    }
}
