using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;

namespace AqTrading.MarketData.IntegrationTests;

/// <summary>The service pointed at a Redis nobody listens on: quotes are still taken and served, from memory.</summary>
[Collection(nameof(ServersCollection))]
public sealed class RedisDownTests(LocalServers servers) : MarketDataTest(servers, new Dictionary<string, string?>
{
    ["ConnectionStrings:redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=500",
})
{
    [Fact]
    public async Task Latest_quotes_are_served_from_memory_while_redis_is_down()
    {
        var symbol = NewSymbol("D");

        var put = await Http.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid = 10.00m, ask = 10.02m });
        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/market/quotes/{symbol}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(10.02m, view.GetProperty("quote").GetProperty("ask").GetDecimal());
    }

    [Fact]
    public async Task Replay_without_redis_is_a_503_problem_not_a_500()
    {
        var response = await Http.PostAsJsonAsync("/api/market/replay", new
        {
            bars = new[] { new { symbol = "X", resolution = "1m", start = new DateTimeOffset(2024, 3, 4, 14, 30, 0, TimeSpan.Zero), open = 1m, high = 1m, low = 1m, close = 1m, volume = 1L } },
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
