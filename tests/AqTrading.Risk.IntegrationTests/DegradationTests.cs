using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;
using StackExchange.Redis;

namespace AqTrading.Risk.IntegrationTests;

/// <summary><c>GET /api/risk/system</c> and the degradation rules, against real Redis (and Redis taken away).</summary>
[Collection(nameof(ServersCollection))]
public sealed class DegradationTests(LocalServers servers)
{
    [Fact]
    public async Task Stale_market_data_makes_the_system_reducing_until_a_fresh_quote_arrives()
    {
        var symbol = $"HB{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        await WriteQuoteAsync(redis, symbol, DateTimeOffset.UtcNow.AddMinutes(-5));
        await using var risk = await ServiceFactory<Program>.CreateAsync(servers, "riskdb", new Dictionary<string, string?>
        {
            ["Risk:OrdersUrl"] = "http://127.0.0.1:9",
            ["Risk:PortfolioUrl"] = "http://127.0.0.1:9",
            ["Risk:Degradation:MarketDataStaleAfter"] = "00:00:30",
            ["Risk:Degradation:MarketDataSymbols:0"] = symbol,
        });
        using var http = risk.CreateClient();
        await http.PostAsync("/api/risk/enable-resume", null);
        await http.PostAsync("/api/risk/resume", null);

        var stale = await SystemUntilAsync(http, s => s.GetProperty("mode").GetString() == "reducing");
        Assert.Equal("running", stale.GetProperty("tradingState").GetString());
        Assert.Contains(stale.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("market_data_stale"));
        var allowed = stale.GetProperty("allowed");
        Assert.False(allowed.GetProperty("openPositions").GetBoolean());
        Assert.True(allowed.GetProperty("closePositions").GetBoolean());
        Assert.False(Dependency(stale, "market-data").GetProperty("healthy").GetBoolean());
        Assert.False(Dependency(stale, "portfolio").GetProperty("healthy").GetBoolean());

        await WriteQuoteAsync(redis, symbol, DateTimeOffset.UtcNow);
        var fresh = await SystemUntilAsync(http, s => s.GetProperty("mode").GetString() == "running");
        Assert.True(fresh.GetProperty("allowed").GetProperty("openPositions").GetBoolean());
        Assert.True(Dependency(fresh, "market-data").GetProperty("healthy").GetBoolean());
        Assert.True(Dependency(fresh, "redis").GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Without_redis_trading_stays_running_with_a_neutral_bias_and_redis_is_reported_down()
    {
        await using var risk = await ServiceFactory<Program>.CreateAsync(servers, "riskdb", new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:9,connectTimeout=500,abortConnect=false",
            ["Risk:PortfolioUrl"] = "http://127.0.0.1:9",
            ["Risk:Degradation:MarketDataStaleAfter"] = "00:00:30",
        });
        using var http = risk.CreateClient();
        await http.PostAsync("/api/risk/enable-resume", null);
        await http.PostAsync("/api/risk/resume", null);

        var system = await SystemUntilAsync(http, s => s.GetProperty("dependencies").EnumerateArray().Any(d =>
            d.GetProperty("name").GetString() == "redis" && !d.GetProperty("healthy").GetBoolean()));
        // Quote age cannot be judged without Redis: the staleness rule does not stop trading on a Redis outage alone.
        Assert.Equal("running", system.GetProperty("mode").GetString());
        Assert.Contains("risk bias 1.0", Dependency(system, "redis").GetProperty("detail").GetString());
        Assert.Equal(1.0m, (await http.GetFromJsonAsync<JsonElement>("/api/risk/bias")).GetProperty("value").GetDecimal());
    }

    private static JsonElement Dependency(JsonElement system, string name) =>
        system.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);

    private static async Task<JsonElement> SystemUntilAsync(HttpClient http, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement system;
        do
        {
            await Task.Delay(250);
            system = await http.GetFromJsonAsync<JsonElement>("/api/risk/system");
        }
        while (!condition(system) && DateTime.UtcNow < deadline);

        Assert.True(condition(system), $"not observed: {system}");
        return system;
    }

    private static Task WriteQuoteAsync(ConnectionMultiplexer redis, string symbol, DateTimeOffset time) =>
        redis.GetDatabase().StringSetAsync($"quote:{symbol}",
            JsonSerializer.Serialize(new { symbol, bid = 10.0m, ask = 10.1m, last = (decimal?)null, bidSize = 1, askSize = 1, time },
                new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
