using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>A day's loss beyond the limit, made by the market moving against a position, halts trading.</summary>
[Collection(nameof(SystemCollection))]
public sealed class LossLimitTests(SystemFixture system)
{
    [Fact]
    public async Task A_daily_loss_beyond_the_limit_rejects_the_next_order_and_halts_trading()
    {
        await system.EnsureTradingAsync();
        // The reference's $1,000 daily loss limit for this test; the shared run's roomy one afterwards.
        await system.SetPaperLimitsAsync(new Dictionary<string, object> { ["dailyLossLimit"] = 1_000m });
        var symbol = $"L{Guid.NewGuid():N}"[..6].ToUpperInvariant();
        await QuoteAsync(symbol, 99.90m, 100.10m);
        var buy = await system.Gateway.PostAsJsonAsync("/api/orders", new { accountId = "paper", strategyId = "loss", symbol, side = "buy",
            type = "market", timeInForce = "day", quantity = 49 });
        Assert.Equal("submitted", (await buy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await Eventually.TrueAsync(async () => (await system.Gateway.GetFromJsonAsync<JsonElement>(
            "/api/portfolio/accounts/paper/positions?strategyId=loss")).GetArrayLength() == 1);

        try
        {
            // The market falls 30 %: about $1,470 lost on the position, beyond the $1,000 daily limit.
            await QuoteAsync(symbol, 69.90m, 70.10m);
            await Eventually.TrueAsync(async () => (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper"))
                .GetProperty("dayPnl").GetDecimal() < -1_000m);

            JsonElement order = default;
            await Eventually.TrueAsync(async () =>
            {
                var response = await system.Gateway.PostAsJsonAsync("/api/orders", new { accountId = "paper", symbol, side = "buy",
                    type = "limit", timeInForce = "day", quantity = 1, limitPrice = 1m });
                order = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (order.GetProperty("status").GetString() != "rejected")
                {
                    await system.Gateway.PostAsync($"/api/orders/{order.GetProperty("id").GetString()}/cancel", null);
                }

                return order.GetProperty("rejectCode").GetString() is "daily_loss_limit" or "trading_halted";
            });

            var state = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/state");
            Assert.Equal("halted", state.GetProperty("state").GetString());
            Assert.StartsWith("Daily loss", state.GetProperty("reason").GetString());
            Assert.Equal("risk", state.GetProperty("changedBy").GetString());
        }
        finally
        {
            // Give the loss back, put the run's limits back and let the other tests trade.
            await QuoteAsync(symbol, 99.90m, 100.10m);
            await system.SetPaperLimitsAsync(SystemFixture.RoomyLimits);
            await system.EnsureTradingAsync();
        }
    }

    private async Task QuoteAsync(string symbol, decimal bid, decimal ask) =>
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid, ask })).EnsureSuccessStatusCode();

}
