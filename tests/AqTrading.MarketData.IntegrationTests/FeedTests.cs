using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;
using StackExchange.Redis;

namespace AqTrading.MarketData.IntegrationTests;

[Collection(nameof(ServersCollection))]
public sealed class FeedTests(LocalServers servers) : MarketDataTest(servers, Settings)
{
    private static readonly string Symbol = NewSymbol("F");

    private static Dictionary<string, string?> Settings => new()
    {
        ["Feed:Enabled"] = "true",
        ["Feed:Seed"] = "42",
        ["Feed:TickInterval"] = "00:00:00.050",
        ["Feed:SeedHistoryMinutes"] = "5",
        ["Feed:Symbols:0:Symbol"] = Symbol,
        ["Feed:Symbols:0:Scenario"] = "flat",
        ["Feed:Symbols:0:StartPrice"] = "250",
    };

    [Fact]
    public async Task The_feed_writes_quotes_to_redis_and_publishes_them_on_the_quote_channel()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString);
        var received = new ConcurrentQueue<JsonElement>();
        var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"quotes:{Symbol}"));
        channel.OnMessage(message => received.Enqueue(JsonDocument.Parse(message.Message.ToString()).RootElement.Clone()));

        await Eventually(() => Task.FromResult(received.Count >= 5 ? received : null));

        var quotes = received.Take(5).ToList();
        Assert.All(quotes, q => Assert.Equal(Symbol, q.GetProperty("symbol").GetString()));
        Assert.All(quotes, q => Assert.True(q.GetProperty("bid").GetDecimal() < q.GetProperty("ask").GetDecimal()));
        var times = quotes.Select(q => q.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times.Distinct().Count() == times.Count);

        var stored = await redis.GetDatabase().StringGetAsync($"quote:{Symbol}");
        Assert.True(stored.HasValue);
        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/market/quotes/{Symbol}");
        Assert.InRange(view.GetProperty("quote").GetProperty("last").GetDecimal(), 200m, 300m);
    }

    [Fact]
    public async Task Without_history_the_feed_seeds_the_configured_minutes_ending_at_the_current_minute()
    {
        var bars = await BarsAsync(Symbol, "resolution=1m&last=100");

        // Five seeded minutes, plus at most one live bar if a minute boundary passed since the start.
        Assert.InRange(bars.Count, 5, 6);
        var starts = bars.Select(b => b.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(1), p.Second - p.First));
        Assert.True(starts[4] <= DateTimeOffset.UtcNow && starts[4] >= DateTimeOffset.UtcNow.AddMinutes(-3));
        // The flat walk from 250 over five minutes of 50 ms steps (σ ≈ 1e-4 per step) stays near 250.
        Assert.All(bars, b => Assert.InRange(b.GetProperty("close").GetDecimal(), 240m, 260m));
        Assert.All(bars.Take(5), b => Assert.True(b.GetProperty("volume").GetInt64() > 1_000 * 1_000)); // ~1,200 ticks a minute
    }
}
