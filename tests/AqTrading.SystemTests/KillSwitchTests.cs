using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>The kill switch through the gateway, with real working orders and positions behind it.</summary>
[Collection(nameof(SystemCollection))]
public sealed class KillSwitchTests(SystemFixture system)
{
    [Fact]
    public async Task The_kill_switch_cancels_twenty_working_orders_flattens_ten_positions_and_stays_halted_until_enabled()
    {
        await system.EnsureTradingAsync();
        var strategy = $"ks-{Guid.NewGuid():N}"[..11];
        var symbols = Enumerable.Range(0, 10).Select(i => $"K{i}{Guid.NewGuid():N}"[..6].ToUpperInvariant()).ToList();
        foreach (var symbol in symbols)
        {
            (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid = 99.90m, ask = 100.10m })).EnsureSuccessStatusCode();
            await SubmitAsync(new { accountId = "paper", strategyId = strategy, symbol, side = "buy", type = "market", timeInForce = "day", quantity = 10 });
        }

        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Count == 10);
        var resting = new List<string>();
        foreach (var symbol in symbols)
        {
            for (var i = 0; i < 2; i++)
            {
                var order = await SubmitAsync(new { accountId = "paper", strategyId = strategy, symbol, side = "buy", type = "limit",
                    timeInForce = "gtc", quantity = 1, limitPrice = 50m });
                Assert.Equal("submitted", order.GetProperty("status").GetString());
                resting.Add(order.GetProperty("id").GetString()!);
            }
        }

        var response = await system.Gateway.PostAsJsonAsync("/api/risk/kill-switch", new { reason = "system test" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("halted", report.GetProperty("state").GetProperty("state").GetString());
        Assert.Empty(report.GetProperty("errors").EnumerateArray());
        Assert.True(report.GetProperty("actionsExecuted").GetProperty("ordersCancelled").GetInt32() >= 20);
        var flatten = report.GetProperty("actionsExecuted").GetProperty("flattenOrders").EnumerateArray()
            .Where(o => o.GetProperty("strategyId").GetString() == strategy).ToList();
        Assert.Equal(10, flatten.Count);
        Assert.All(flatten, o => Assert.Equal("sell", o.GetProperty("side").GetString()));
        Assert.All(flatten, o => Assert.Null(o.GetProperty("rejectCode").GetString()));

        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Count == 0);
        foreach (var id in resting)
        {
            await Eventually.TrueAsync(async () =>
                (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{id}")).GetProperty("status").GetString() == "cancelled");
        }

        // Halted: a new order is refused, and so is resume until it is enabled.
        var refused = await SubmitAsync(new { accountId = "paper", symbol = symbols[0], side = "buy", type = "market", timeInForce = "day", quantity = 1 });
        Assert.Equal("trading_halted", refused.GetProperty("rejectCode").GetString());
        var resume = await system.Gateway.PostAsync("/api/risk/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway.PostAsync("/api/risk/enable-resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway.PostAsync("/api/risk/resume", null)).StatusCode);
    }


    private async Task<JsonElement> SubmitAsync(object body)
    {
        var response = await system.Gateway.PostAsJsonAsync("/api/orders", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> PositionsAsync(string strategy) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId={strategy}"))
            .EnumerateArray().ToList();

}
