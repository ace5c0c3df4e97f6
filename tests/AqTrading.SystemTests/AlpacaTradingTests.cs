using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>
/// The hot path of <see cref="TradingTests"/> — order → risk → broker → fill → portfolio, through the gateway — with the
/// account on <c>alpaca-paper</c>: the broker is the Alpaca adapter talking to the local Alpaca simulator.
/// </summary>
[Collection(nameof(AlpacaSystemCollection))]
public sealed class AlpacaTradingTests(AlpacaSystemFixture system) : IAsyncLifetime
{
    private readonly string _symbol = $"L{Guid.NewGuid():N}"[..6].ToUpperInvariant();

    public async Task InitializeAsync()
    {
        system.Sim.AutoFill = true;
        system.Sim.RestoreStream();
        // Market data's quote prices the order for risk; Alpaca fills at its own price (here the ask).
        var quote = await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{_symbol}", new { bid = 99.90m, ask = 100.10m });
        quote.EnsureSuccessStatusCode();
        system.Sim.SetPrice(_symbol, 100.10m);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_market_buy_on_an_alpaca_paper_account_fills_at_Alpaca_and_lands_in_the_portfolio()
    {
        var id = await SubmitAsync(new { accountId = "paper", strategyId = "e2e-alpaca", symbol = _symbol, side = "buy", type = "market",
            timeInForce = "day", quantity = 10 });

        var order = await Eventually.ValueAsync(async () =>
        {
            var o = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
            return o.GetProperty("status").GetString() == "filled" ? o : (JsonElement?)null;
        });
        var placed = system.Sim.Order(id);
        Assert.NotNull(placed);
        Assert.Equal(placed.Id, order.GetProperty("brokerOrderId").GetString());
        Assert.Equal(100.10m, order.GetProperty("averageFillPrice").GetDecimal());
        Assert.Single(order.GetProperty("fills").EnumerateArray());

        var position = await PositionAsync("e2e-alpaca", p => p.GetProperty("quantity").GetDecimal() == 10m);
        Assert.Equal(100.10m, position.GetProperty("averageCost").GetDecimal());
        Assert.Equal(100.00m, position.GetProperty("mark").GetDecimal());
        var transactions = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions?limit=500");
        var transaction = Assert.Single(transactions.EnumerateArray(), t => t.GetProperty("orderId").GetString() == id);
        Assert.Equal(-10 * 100.10m, transaction.GetProperty("cashChange").GetDecimal());
    }

    [Fact]
    public async Task Stream_dropped_mid_fill_the_portfolio_books_the_order_exactly_once()
    {
        system.Sim.AutoFill = false;
        var id = await SubmitAsync(new { accountId = "paper", strategyId = "e2e-alpaca-drop", symbol = _symbol, side = "buy", type = "limit",
            timeInForce = "gtc", quantity = 10, limitPrice = 101m });
        var alpacaId = (await Eventually.ValueAsync(async () => system.Sim.Order(id) is { } o
            ? JsonSerializer.SerializeToElement(o.Id) : (JsonElement?)null)).GetString()!;

        system.Sim.Fill(alpacaId, 4, 100m);
        await PositionAsync("e2e-alpaca-drop", p => p.GetProperty("quantity").GetDecimal() == 4m);
        system.Sim.DropStreams(stayDown: true);
        system.Sim.Fill(alpacaId, 6, 101m);
        system.Sim.RestoreStream();

        var order = await Eventually.ValueAsync(async () =>
        {
            var o = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
            return o.GetProperty("status").GetString() == "filled" ? o : (JsonElement?)null;
        });
        Assert.Equal(100.6m, order.GetProperty("averageFillPrice").GetDecimal());
        var position = await PositionAsync("e2e-alpaca-drop", p => p.GetProperty("quantity").GetDecimal() == 10m);
        Assert.Equal(100.6m, position.GetProperty("averageCost").GetDecimal());
        var transactions = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions?limit=500");
        Assert.Equal(2, transactions.EnumerateArray().Count(t => t.GetProperty("orderId").GetString() == id));

        // Reconciliation compares the portfolio with Alpaca's own books (its positions and account, read through the adapter):
        // the fill recovered after the reconnect is in both, once, so the run is clean.
        JsonElement last = default;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await system.Gateway.PostAsJsonAsync("/api/reconciliation/runs", new { accountId = "paper" });
            response.EnsureSuccessStatusCode();
            last = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
            return last.GetProperty("isClean").GetBoolean();
        });
        Assert.Equal("paper", last.GetProperty("accountId").GetString());
    }

    private async Task<string> SubmitAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await system.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("rejected", order.GetProperty("status").GetString());
        return order.GetProperty("id").GetString()!;
    }

    private Task<JsonElement> PositionAsync(string strategyId, Func<JsonElement, bool> condition) =>
        Eventually.ValueAsync(async () =>
        {
            var positions = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId={strategyId}");
            return positions.EnumerateArray().FirstOrDefault(p => p.GetProperty("symbol").GetString() == _symbol) is { ValueKind: JsonValueKind.Object } p
                   && condition(p) ? p : (JsonElement?)null;
        });
}
