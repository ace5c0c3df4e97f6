using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>Closing a whole position through the gateway.</summary>
[Collection(nameof(SystemCollection))]
public sealed class ClosePositionTests(SystemFixture system)
{
    [Fact]
    public async Task A_close_sells_the_whole_position_once_and_a_second_close_while_working_is_a_409()
    {
        await system.EnsureTradingAsync();
        var symbol = $"C{Guid.NewGuid():N}"[..6].ToUpperInvariant();
        var strategy = $"close-{symbol}";
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid = 49.90m, ask = 50.10m })).EnsureSuccessStatusCode();
        var bought = await system.Gateway.PostAsJsonAsync("/api/orders", new { accountId = "paper", strategyId = strategy, symbol, side = "buy",
            type = "market", timeInForce = "day", quantity = 20 });
        var order = await bought.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(bought.IsSuccessStatusCode && order.GetProperty("status").GetString() != "rejected", $"the buy was refused: {order}");
        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Count == 1);

        // Two closes at once with different keys: the database lets exactly one work.
        var responses = await Task.WhenAll(CloseAsync(symbol, strategy, "key-a"), CloseAsync(symbol, strategy, "key-b"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("position_already_closing", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var created = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        Assert.Equal(20m, created.GetProperty("targetQuantity").GetDecimal());
        Assert.Equal("sell", created.GetProperty("side").GetString());

        // The same key again answers with the same request.
        var key = created.GetProperty("idempotencyKey").GetString()!;
        var replay = await CloseAsync(symbol, strategy, key);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(id, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        await Eventually.TrueAsync(async () => (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/close-requests/{id}"))
            .GetProperty("status").GetString() == "completed");
        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Count == 0);
    }

    [Fact]
    public async Task A_close_needs_an_idempotency_key_and_a_position()
    {
        using var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/orders/positions/NOPE/close")
        {
            Content = JsonContent.Create(new { accountId = "paper" }),
        };
        var missingKey = await system.Gateway.SendAsync(noKey);
        Assert.Equal(HttpStatusCode.BadRequest, missingKey.StatusCode);

        var nothingHeld = await CloseAsync("NOPE", null, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.NotFound, nothingHeld.StatusCode);
        Assert.Equal("application/problem+json", nothingHeld.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> CloseAsync(string symbol, string? strategy, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/positions/{symbol}/close")
        {
            Content = JsonContent.Create(new { accountId = "paper", strategyId = strategy }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await system.Gateway.SendAsync(request);
    }

    private async Task<List<JsonElement>> PositionsAsync(string strategy) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId={strategy}"))
            .EnumerateArray().ToList();

}
