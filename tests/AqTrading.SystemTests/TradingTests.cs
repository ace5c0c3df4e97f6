using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>The hot path through the gateway: order → risk → paper broker → fill → portfolio.</summary>
[Collection(nameof(SystemCollection))]
public sealed class TradingTests(SystemFixture system) : IAsyncLifetime
{
    private readonly string _symbol = $"Q{Guid.NewGuid():N}"[..6].ToUpperInvariant();

    public async Task InitializeAsync()
    {
        // Another test may have pulled the kill switch: trading must be running for these.
        await system.EnsureTradingAsync();
        var quote = await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{_symbol}", new { bid = 99.90m, ask = 100.10m });
        quote.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_market_buy_fills_at_the_ask_and_lands_in_the_portfolio()
    {
        var submitted = await SubmitAsync(new { accountId = "paper", strategyId = "e2e", symbol = _symbol, side = "buy", type = "market",
            timeInForce = "day", quantity = 10 }, key: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var order = await Eventually.ValueAsync(async () =>
        {
            var o = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
            return o.GetProperty("status").GetString() == "filled" ? o : (JsonElement?)null;
        });
        // Buy at the ask plus 5 bps of adverse slippage.
        var expectedPrice = 100.10m * 1.0005m;
        Assert.Equal(expectedPrice, order.GetProperty("averageFillPrice").GetDecimal());
        Assert.Single(order.GetProperty("fills").EnumerateArray());
        Assert.Contains(order.GetProperty("transitions").EnumerateArray(), t => t.GetProperty("to").GetString() == "filled");

        var position = await Eventually.ValueAsync(async () =>
        {
            var positions = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId=e2e");
            return positions.EnumerateArray().FirstOrDefault(p => p.GetProperty("symbol").GetString() == _symbol) is { ValueKind: JsonValueKind.Object } p
                ? p : (JsonElement?)null;
        });
        Assert.Equal(10m, position.GetProperty("quantity").GetDecimal());
        Assert.Equal(expectedPrice, position.GetProperty("averageCost").GetDecimal());
        Assert.Equal(100.00m, position.GetProperty("mark").GetDecimal());

        // The fill's own transaction (the account's cash is shared with other tests whose fills may still be landing).
        var transactions = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions?limit=500");
        var transaction = Assert.Single(transactions.EnumerateArray(), t => t.GetProperty("orderId").GetString() == id);
        Assert.Equal(-10 * expectedPrice, transaction.GetProperty("cashChange").GetDecimal());
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_one_order()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { accountId = "paper", symbol = _symbol, side = "buy", type = "limit", timeInForce = "gtc", quantity = 1, limitPrice = 90m };

        var first = await SubmitAsync(body, key);
        var second = await SubmitAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(firstId, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var orders = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders?symbol={_symbol}");
        Assert.Single(orders.EnumerateArray());

        // The resting limit order can be cancelled.
        var cancel = await system.Gateway.PostAsync($"/api/orders/{firstId}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await Eventually.ValueAsync(async () =>
        {
            var o = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{firstId}");
            return o.GetProperty("status").GetString() == "cancelled" ? o : (JsonElement?)null;
        });
    }

    [Theory]
    [InlineData("""{"accountId":"paper","symbol":"SYM","side":"buy","type":"market","timeInForce":"day","quantity":-5}""", "quantity")]
    [InlineData("""{"accountId":"paper","symbol":"SYM","side":"buy","type":"limit","timeInForce":"day","quantity":5}""", "limitPrice")]
    [InlineData("""{"accountId":"paper","symbol":"SYM","side":"buy","type":"teleport","timeInForce":"day","quantity":5}""", null)]
    public async Task Invalid_orders_are_400_problems_and_nothing_is_stored(string json, string? field)
    {
        using var content = new StringContent(json.Replace("SYM", _symbol), System.Text.Encoding.UTF8, "application/json");

        var response = await system.Gateway.PostAsync("/api/orders", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        }

        Assert.Empty((await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders?symbol={_symbol}")).EnumerateArray());
    }

    [Fact]
    public async Task A_risk_rejection_is_stored_with_its_reason_code_and_returned()
    {
        var response = await SubmitAsync(new { accountId = "paper", symbol = _symbol, side = "buy", type = "market", timeInForce = "day",
            quantity = 600 }, key: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rejected", order.GetProperty("status").GetString());
        Assert.Equal("position_limit_quantity", order.GetProperty("rejectCode").GetString());
        var stored = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{order.GetProperty("id").GetString()}");
        Assert.Equal("position_limit_quantity", stored.GetProperty("rejectCode").GetString());
    }

    [Fact]
    public async Task Fifty_concurrent_orders_never_jointly_exceed_the_position_limit()
    {
        var account = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper");
        var limits = (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/limits/paper")).GetProperty("limits");
        // The binding limit for one position: its notional, or its share of equity.
        var limit = Math.Min(limits.GetProperty("maxPositionValue").GetDecimal(),
            account.GetProperty("equity").GetDecimal() * limits.GetProperty("maxPositionPct").GetDecimal() / 100m);
        var body = new { accountId = "paper", strategyId = "concurrency", symbol = _symbol, side = "buy", type = "market", timeInForce = "day", quantity = 10 };

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SubmitAsync(body, key: null)));
        var orders = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));

        var accepted = orders.Where(o => o.GetProperty("status").GetString() != "rejected").ToList();
        Assert.True(accepted.Count > 0, "every order was rejected: " + string.Join(", ", orders.Select(o => o.GetProperty("rejectCode").GetString()).Distinct()));
        // Risk measured each at the ask (100.10); together they stay within the limit.
        Assert.True(accepted.Count * 10 * 100.10m <= limit, $"{accepted.Count} orders of $1,001 accepted against a {limit:N2} limit");
        // The rest were refused by the limit — or, fail closed, because risk could not answer this burst within its
        // 250 ms budget on a loaded two-core machine; never anything else.
        var reasons = orders.Where(o => o.GetProperty("status").GetString() == "rejected")
            .Select(o => o.GetProperty("rejectCode").GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("position_limit", StringComparison.Ordinal));
        Assert.All(reasons, r => Assert.True(r.StartsWith("position_limit", StringComparison.Ordinal) || r == "risk_unavailable", r));
    }

    [Fact]
    public async Task A_risk_bias_of_one_half_in_redis_halves_the_quantity_limit()
    {
        var limits = (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/limits/paper")).GetProperty("limits");
        var perOrder = limits.GetProperty("maxQuantityPerOrder").GetDecimal();
        // A cheap symbol so only the quantity limit can bind.
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{_symbol}", new { bid = 0.50m, ask = 0.51m })).EnsureSuccessStatusCode();
        var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
            (await system.App.GetConnectionStringAsync("redis"))!);
        await using var _ = redis;
        await redis.GetDatabase().StringSetAsync("risk_bias", "0.5");
        try
        {
            await Eventually.ValueAsync(async () =>
            {
                var bias = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/bias");
                return bias.GetProperty("value").GetDecimal() == 0.5m ? bias : (JsonElement?)null;
            });

            var tooMany = await (await SubmitAsync(new { accountId = "paper", symbol = _symbol, side = "buy", type = "market", timeInForce = "day",
                quantity = perOrder / 2 + 1 }, key: null)).Content.ReadFromJsonAsync<JsonElement>();
            var halfLimit = await (await SubmitAsync(new { accountId = "paper", symbol = _symbol, side = "buy", type = "market", timeInForce = "day",
                quantity = perOrder / 2 }, key: null)).Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal("position_limit_quantity", tooMany.GetProperty("rejectCode").GetString());
            Assert.NotEqual("rejected", halfLimit.GetProperty("status").GetString());
        }
        finally
        {
            await redis.GetDatabase().KeyDeleteAsync("risk_bias");
            // Leave the neutral bias in force for the tests that follow.
            await Eventually.ValueAsync(async () =>
            {
                var bias = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/bias");
                return bias.GetProperty("value").GetDecimal() == 1.0m ? bias : (JsonElement?)null;
            });
        }
    }

    private async Task<HttpResponseMessage> SubmitAsync(object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await system.Gateway.SendAsync(request);
    }

}
