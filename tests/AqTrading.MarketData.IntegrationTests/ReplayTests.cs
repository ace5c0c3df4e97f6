using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;
using StackExchange.Redis;

namespace AqTrading.MarketData.IntegrationTests;

[Collection(nameof(ServersCollection))]
public sealed class ReplayTests(LocalServers servers) : MarketDataTest(servers)
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Replay_stores_the_bars_and_publishes_them_in_order_with_a_quote_at_each_close()
    {
        var symbol = NewSymbol("R");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString);
        var received = new ConcurrentQueue<JsonElement>();
        var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"bars:1m:{symbol}"));
        channel.OnMessage(message => received.Enqueue(JsonDocument.Parse(message.Message.ToString()).RootElement.Clone()));
        var bars = Enumerable.Range(0, 50).Select(i => new
        {
            symbol = symbol.ToLowerInvariant(), resolution = "1m", start = T0.AddMinutes(i),
            open = 100m + i, high = 101m + i, low = 99m + i, close = 100.5m + i, volume = 1000L + i,
        }).ToList();

        var response = await Http.PostAsJsonAsync("/api/market/replay", new { bars, intervalMs = 0 });

        response.EnsureSuccessStatusCode();
        Assert.Equal(50, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await Eventually(() => Task.FromResult(received.Count == 50 ? received : null));
        var published = received.ToList();
        Assert.Equal(bars.Select(b => b.start), published.Select(b => b.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(bars.Select(b => b.close), published.Select(b => b.GetProperty("close").GetDecimal()));
        Assert.All(published, b => Assert.Equal(symbol, b.GetProperty("symbol").GetString()));
        Assert.Equal(T0.AddMinutes(1), published[0].GetProperty("end").GetDateTimeOffset());

        var stored = await BarsAsync(symbol, "resolution=1m&last=100");
        Assert.Equal(bars.Select(b => b.volume), stored.Select(b => b.GetProperty("volume").GetInt64()));

        var quote = JsonDocument.Parse((await redis.GetDatabase().StringGetAsync($"quote:{symbol}")).ToString()).RootElement;
        Assert.Equal(149.49m, quote.GetProperty("bid").GetDecimal());
        Assert.Equal(149.51m, quote.GetProperty("ask").GetDecimal());
        Assert.Equal(T0.AddMinutes(50), quote.GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_replayed_bar_that_goes_back_in_time_is_a_400_and_nothing_is_stored()
    {
        var symbol = NewSymbol("R");
        var response = await Http.PostAsJsonAsync("/api/market/replay", new
        {
            bars = new[]
            {
                new { symbol, resolution = "1m", start = T0.AddMinutes(1), open = 1m, high = 1m, low = 1m, close = 1m, volume = 1L },
                new { symbol, resolution = "1m", start = T0, open = 1m, high = 1m, low = 1m, close = 1m, volume = 1L },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("bars[1].start", out _));
        Assert.Empty(await BarsAsync(symbol, "resolution=1m"));
    }

    [Fact]
    public async Task Replay_rejects_a_bar_whose_high_is_below_its_close()
    {
        var response = await Http.PostAsJsonAsync("/api/market/replay", new
        {
            bars = new[] { new { symbol = "X", resolution = "1m", start = T0, open = 1m, high = 1m, low = 1m, close = 2m, volume = 1L } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
