using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;

namespace AqTrading.SystemTests;

/// <summary>
/// The agents through the gateway with the whole system running: the risk controller reacting to a drawdown shrinks
/// risk's position limits, and agent failures (a crash, a timeout, a denied write) never stop orders.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class AgentTests(SystemFixture system)
{
    [Fact]
    public async Task The_risk_controller_in_a_drawdown_writes_risk_bias_and_risk_then_rejects_an_order_it_passed_before()
    {
        await system.EnsureTradingAsync();
        var held = $"D{Guid.NewGuid():N}"[..6].ToUpperInvariant();
        var probe = $"P{Guid.NewGuid():N}"[..6].ToUpperInvariant();
        var original = await RoomyLimitsAsync();
        var redis = await ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("redis"))!);
        try
        {
            await QuoteAsync(held, 99.95m, 100.05m);
            await QuoteAsync(probe, 0.99m, 1.01m);
            Assert.Equal("submitted", await OrderAsync(held, "buy", 400));
            await Eventually.TrueAsync(async () => (await system.Gateway.GetFromJsonAsync<JsonElement>(
                "/api/portfolio/accounts/paper/positions?strategyId=agents")).EnumerateArray().Any(p => p.GetProperty("symbol").GetString() == held));
            // 480 is within the 500-per-order limit: it passes now.
            Assert.Equal("submitted", await OrderAsync(probe, "buy", 480));

            // The market falls 20 % under the position: about $8,000 below the account's peak equity.
            await QuoteAsync(held, 79.95m, 80.05m);
            await Eventually.TrueAsync(async () =>
            {
                var account = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper");
                var peak = account.GetProperty("peakEquity").GetDecimal();
                return peak > 0 && (peak - account.GetProperty("equity").GetDecimal()) / peak >= 0.05m;
            });

            var run = await RunAsync("risk_controller", "set the risk bias", new { accountId = "paper" });
            Assert.True(run.GetProperty("status").GetString() == "succeeded", run.GetRawText());
            var bias = run.GetProperty("result").GetProperty("bias").GetDouble();
            Assert.True(bias < 1, $"bias {bias}");
            Assert.True(run.GetProperty("result").GetProperty("drawdownPct").GetDouble() >= 5);
            Assert.Equal(bias, double.Parse((string)(await redis.GetDatabase().StringGetAsync("risk_bias"))!, System.Globalization.CultureInfo.InvariantCulture));

            // Risk reads the key in the background: within a minute the limits shrink and the same order is refused.
            await Eventually.TrueAsync(async () => (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/bias"))
                .GetProperty("value").GetDouble() == bias);
            var rejected = await system.Gateway.PostAsJsonAsync("/api/orders", Order(probe, "buy", 480));
            var order = await rejected.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("rejected", "position_limit_quantity"), (order.GetProperty("status").GetString(), order.GetProperty("rejectCode").GetString()));
        }
        finally
        {
            await redis.GetDatabase().KeyDeleteAsync("risk_bias");
            await Eventually.TrueAsync(async () => (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/bias")).GetProperty("value").GetDouble() == 1.0);
            await QuoteAsync(held, 99.95m, 100.05m);
            await OrderAsync(held, "sell", 400);
            await OrderAsync(probe, "sell", 480);
            (await system.Gateway.PutAsJsonAsync("/api/risk/limits/paper", original)).EnsureSuccessStatusCode();
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Orders_keep_flowing_while_agents_crash_time_out_and_are_denied()
    {
        await system.EnsureTradingAsync();
        var symbol = $"F{Guid.NewGuid():N}"[..6].ToUpperInvariant();
        await QuoteAsync(symbol, 9.99m, 10.01m);
        var original = await RoomyLimitsAsync();
        var crash = await InvokeAsync("researcher", "diagnostics:crash", new { });
        var sleep = await InvokeAsync("ops", "diagnostics:sleep", new { seconds = 600 });
        var denied = await InvokeAsync("analyst", "diagnostics:call", new { tool = "redis.write", args = new { key = "risk_bias", value = 0.1 } });

        // While the workers run (the sleeper until its 60 s limit), orders go through the hot path as always.
        var statuses = new List<string>();
        while ((await RunStatusAsync(sleep)) is "queued" or "running")
        {
            statuses.Add(await OrderAsync(symbol, statuses.Count % 2 == 0 ? "buy" : "sell", 1));
            await Task.Delay(500);
        }

        (await system.Gateway.PutAsJsonAsync("/api/risk/limits/paper", original)).EnsureSuccessStatusCode();
        Assert.True(statuses.Count >= 5, $"only {statuses.Count} orders were sent while the agents ran");
        Assert.All(statuses, s => Assert.Contains(s, new[] { "submitted", "partially_filled", "filled" }));
        Assert.Equal("failed", await RunStatusAsync(crash));
        Assert.Equal("timed_out", await RunStatusAsync(sleep));
        var deniedRun = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/agents/runs/{denied}");
        Assert.Equal("failed", deniedRun.GetProperty("status").GetString());
        Assert.False(deniedRun.GetProperty("toolCalls")[0].GetProperty("allowed").GetBoolean());
        Assert.Equal(1.0, (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/bias")).GetProperty("value").GetDouble());
    }

    /// <summary>
    /// Room for a position large enough to put the account in a drawdown without tripping the loss limits, and for new
    /// positions whatever the other tests left in the paper account. Returns the limits to put back.
    /// </summary>
    private Task<JsonElement> RoomyLimitsAsync() => system.SetPaperLimitsAsync(new Dictionary<string, object>
    {
        ["maxPositionValue"] = 60_000m, ["maxPositionPct"] = 60m, ["maxPositions"] = 10_000, ["maxExposurePct"] = 95m,
        ["dailyLossLimit"] = 50_000m, ["maxDrawdownPct"] = 50m,
    });

    private static object Order(string symbol, string side, int quantity) =>
        new { accountId = "paper", strategyId = "agents", symbol, side, type = "market", timeInForce = "day", quantity };

    private async Task<string> OrderAsync(string symbol, string side, int quantity)
    {
        var response = await system.Gateway.PostAsJsonAsync("/api/orders", Order(symbol, side, quantity));
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        return order.TryGetProperty("status", out var status) ? status.GetString()! : $"http {(int)response.StatusCode}";
    }

    private async Task QuoteAsync(string symbol, decimal bid, decimal ask) =>
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid, ask })).EnsureSuccessStatusCode();

    private async Task<Guid> InvokeAsync(string role, string task, object context)
    {
        var response = await system.Gateway.PostAsJsonAsync("/api/agents/invoke", new { role, task, context });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<string> RunStatusAsync(Guid id) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/agents/runs/{id}")).GetProperty("status").GetString()!;

    private async Task<JsonElement> RunAsync(string role, string task, object context)
    {
        var id = await InvokeAsync(role, task, context);
        await Eventually.TrueAsync(async () => await RunStatusAsync(id) is not ("queued" or "running"));
        return await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/agents/runs/{id}");
    }
}
