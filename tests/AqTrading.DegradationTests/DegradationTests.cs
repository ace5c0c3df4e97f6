using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AqTrading.SystemTests;

namespace AqTrading.DegradationTests;

/// <summary>
/// The seed's graceful-degradation table (FR-021, docs/api/risk.md "System mode and degradation") held by the running
/// system: a dependency is stopped through the AppHost (as an operator would from the Aspire dashboard), the system
/// degrades the way the table says, and recovers when the dependency is back. One test at a time (one collection),
/// each leaving every resource running.
/// </summary>
[Collection(nameof(DegradationCollection))]
public sealed class DegradationTests(DegradationFixture system) : IAsyncLifetime
{
    private readonly string _symbol = $"D{Guid.NewGuid():N}"[..6].ToUpperInvariant();

    public async Task InitializeAsync()
    {
        await system.EnsureTradingAsync();
        await system.FreshFeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_redis_risk_trades_with_a_neutral_bias_and_a_resting_order_fills_once_redis_is_back()
    {
        await QuoteAsync(49.90m, 50.10m);
        var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("redis"))!);
        await using (redis)
        {
            await redis.GetDatabase().StringSetAsync("risk_bias", "0.5");
            await WaitForAsync("the bias of 0.5 read from Redis", async () =>
                (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/bias")).GetProperty("value").GetDecimal() == 0.5m);
        }

        var since = DateTimeOffset.UtcNow;
        await system.StopAsync("redis");
        try
        {
            // One alert about Redis (services are probed for liveness, so they are not reported down with it).
            var down = await AlertAsync(AlertUnhealthy, "redis", since);
            Assert.Equal(2, down.GetProperty("severity").GetInt32());
            var health = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/health");
            Assert.Equal("down", Component(health, "redis").GetProperty("status").GetString());
            Assert.Equal("healthy", Component(health, "risk").GetProperty("status").GetString());
            Assert.Equal("degraded", health.GetProperty("overall").GetString());

            var state = await WaitForAsync("risk to see Redis down", async () =>
            {
                var s = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/system");
                return Dependency(s, "redis").GetProperty("healthy").GetBoolean() ? null : (JsonElement?)s;
            });
            Assert.Equal("running", state.GetProperty("mode").GetString());
            // The bias is read every second; a read waits out Redis's own timeout before it falls back to neutral.
            await WaitForAsync("the neutral bias while Redis is down", async () =>
            {
                var bias = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/bias");
                return (bias.GetProperty("value").GetDecimal(), bias.GetProperty("source").GetString()) == (1.0m, "default");
            });

            // Risk approves (trading continues); with no quote reachable the paper broker rests the limit order.
            var order = await SubmitAsync(new { side = "buy", type = "limit", limitPrice = 50.50m, quantity = 4 });
            Assert.True(order.GetProperty("status").GetString() is "submitted" or "pending", $"the order during the Redis outage: {order}");
            var id = order.GetProperty("id").GetString()!;

            await system.StartAsync("redis");
            // Redis keeps nothing across a restart here (--save ""): market data writes back the latest quotes it holds
            // when its connection is restored, and the resting order fills on the quote put before the outage.
            var filled = await WaitForAsync("the resting order to fill", async () =>
            {
                var o = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
                return o.GetProperty("status").GetString() == "filled" ? o : (JsonElement?)null;
            });
            Assert.InRange(filled.GetProperty("averageFillPrice").GetDecimal(), 50.10m, 50.50m); // the restored ask, within the limit
            Assert.Equal(4m, filled.GetProperty("filledQuantity").GetDecimal());
            await WaitForAsync("risk to see Redis up", async () =>
                Dependency(await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/system"), "redis").GetProperty("healthy").GetBoolean());
            await AlertAsync(AlertRecovered, "redis", since);
            Assert.DoesNotContain(await AlertsSinceAsync(AlertUnhealthy, since), a => a.GetProperty("fingerprint").GetString() != $"{AlertUnhealthy}:redis");
        }
        finally
        {
            await system.StartAsync("redis");
        }
    }

    [Fact]
    public async Task Without_rabbitmq_fills_are_recorded_and_their_events_reach_the_portfolio_once_after_it_restarts()
    {
        await QuoteAsync(19.95m, 20.05m);
        await system.FreshFeedAsync();
        var since = DateTimeOffset.UtcNow;
        await system.StopAsync("messaging");
        try
        {
            var order = await SubmitAsync(new { side = "buy", type = "market", quantity = 6 });
            var id = order.GetProperty("id").GetString()!;
            var filled = await WaitForAsync("the fill to be recorded in orders", async () =>
            {
                var o = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
                Assert.True(o.GetProperty("status").GetString() != "rejected", $"the order was rejected: {o}"); // why, at once
                return o.GetProperty("status").GetString() == "filled" ? o : (JsonElement?)null;
            });
            Assert.Equal(6m, filled.GetProperty("filledQuantity").GetDecimal());
            // The OrderFilled event waits in the orders outbox: the portfolio has not booked it.
            Assert.Empty(await PositionsAsync());
            await AlertAsync(AlertUnhealthy, "rabbitmq", since);
        }
        finally
        {
            await system.StartAsync("messaging");
        }

        await AlertAsync(AlertRecovered, "rabbitmq", since);

        await WaitForAsync("the position to be booked from the outbox", async () => (await PositionsAsync()).Count > 0);
        Assert.Equal(6m, Assert.Single(await PositionsAsync()).GetProperty("quantity").GetDecimal());
        // Delivered at least once, booked exactly once: a redelivery (same fill id) changes nothing.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(6m, Assert.Single(await PositionsAsync()).GetProperty("quantity").GetDecimal());
    }

    [Fact]
    public async Task With_the_risk_service_stopped_orders_are_rejected_risk_unavailable_and_pass_again_once_it_is_back()
    {
        await QuoteAsync(9.95m, 10.05m);
        await system.FreshFeedAsync();
        var since = DateTimeOffset.UtcNow;
        await system.StopAsync("risk");
        try
        {
            var order = await SubmitAsync(new { side = "buy", type = "market", quantity = 2 });
            Assert.Equal(("rejected", "risk_unavailable"), (order.GetProperty("status").GetString(), order.GetProperty("rejectCode").GetString()));
            var stored = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{order.GetProperty("id").GetString()}");
            Assert.Equal("risk_unavailable", stored.GetProperty("rejectCode").GetString());

            // The health watch announces the outage: risk stops trading, so SEV1.
            var down = await AlertAsync(AlertUnhealthy, "risk", since);
            Assert.Equal(1, down.GetProperty("severity").GetInt32());
            Assert.Equal("down", (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/health/risk")).GetProperty("status").GetString());
        }
        finally
        {
            await system.StartAsync("risk");
        }

        var recovered = await AlertAsync(AlertRecovered, "risk", since);
        Assert.Equal(1, recovered.GetProperty("severity").GetInt32());

        await system.FreshFeedAsync();
        var after = await WaitForAsync("an order to pass risk again", async () =>
        {
            var o = await SubmitAsync(new { side = "buy", type = "market", quantity = 2 });
            return o.GetProperty("status").GetString() == "rejected" ? null : (JsonElement?)o;
        });
        Assert.NotEqual("rejected", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Market_data_older_than_its_threshold_moves_the_system_to_reducing_until_a_fresh_quote_arrives()
    {
        await QuoteAsync(29.95m, 30.05m);
        var bought = await SubmitAsync(new { side = "buy", type = "market", quantity = 5 });
        Assert.NotEqual("rejected", bought.GetProperty("status").GetString());
        await WaitForAsync("the position to be booked", async () => (await PositionsAsync()).Count == 1);

        // No quote of the feed's symbol for longer than Risk:Degradation:MarketDataStaleAfter.
        var reducing = await WaitForAsync("the system to reduce on stale market data", async () =>
        {
            var s = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/system");
            return s.GetProperty("mode").GetString() == "reducing" ? s : (JsonElement?)null;
        }, DegradationFixture.StaleAfter * 3);
        Assert.Contains(reducing.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("market_data_stale", StringComparison.Ordinal));
        Assert.Equal("running", reducing.GetProperty("tradingState").GetString());
        Assert.False(reducing.GetProperty("allowed").GetProperty("openPositions").GetBoolean());
        Assert.True(reducing.GetProperty("allowed").GetProperty("reducePositions").GetBoolean());

        var open = await SubmitAsync(new { side = "buy", type = "market", quantity = 1 });
        Assert.Equal(("rejected", "trading_reducing"), (open.GetProperty("status").GetString(), open.GetProperty("rejectCode").GetString()));
        var reduce = await SubmitAsync(new { side = "sell", type = "market", quantity = 2 });
        Assert.NotEqual("rejected", reduce.GetProperty("status").GetString());

        await system.FreshFeedAsync();
        await WaitForAsync("the system to run again after a fresh quote", async () =>
            (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/system")).GetProperty("mode").GetString() == "running");
    }

    private async Task QuoteAsync(decimal bid, decimal ask) =>
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{_symbol}", new { bid, ask })).EnsureSuccessStatusCode();

    private async Task<JsonElement> SubmitAsync(object terms)
    {
        var body = JsonSerializer.SerializeToNode(terms)!.AsObject();
        body["accountId"] = "paper";
        body["strategyId"] = $"degradation-{_symbol}";
        body["symbol"] = _symbol;
        body["timeInForce"] = "day";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var response = await system.Gateway.SendAsync(request);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"submitting answered {(int)response.StatusCode}: {order}");
        return order;
    }

    private async Task<List<JsonElement>> PositionsAsync() =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId=degradation-{_symbol}"))
            .EnumerateArray().Where(p => p.GetProperty("quantity").GetDecimal() != 0m).ToList();

    private const string AlertUnhealthy = "component_unhealthy";
    private const string AlertRecovered = "component_recovered";

    /// <summary>Waits for the health watch's alert of this type about the component, raised since the given time.</summary>
    private Task<JsonElement> AlertAsync(string type, string component, DateTimeOffset since) =>
        WaitForAsync($"a {type} alert about {component}", async () =>
            (await AlertsSinceAsync(type, since)).Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("fingerprint").GetString() == $"{type}:{component}"),
            TimeSpan.FromSeconds(60));

    private async Task<List<JsonElement>> AlertsSinceAsync(string type, DateTimeOffset since) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/alerts?type={type}&limit=100")).GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("createdAt").GetDateTimeOffset() >= since).ToList();

    private static JsonElement Component(JsonElement health, string name) =>
        health.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("component").GetString() == name);

    private static JsonElement Dependency(JsonElement system, string name) =>
        system.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);

    private static async Task<JsonElement> WaitForAsync(string what, Func<Task<JsonElement?>> probe, TimeSpan? patience = null)
    {
        JsonElement? result = null;
        await WaitForAsync(what, async () => (result = await probe()) is not null, patience);
        return result!.Value;
    }

    private static async Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // A service reconnecting after the outage (the gateway answers 502/503 meanwhile): ask again.
            }

            Assert.True(DateTime.UtcNow < deadline, $"waited in vain for {what}");
            await Task.Delay(250);
        }
    }
}
