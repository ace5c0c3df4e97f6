using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;

namespace AqTrading.Orders.IntegrationTests;

/// <summary>
/// The paper broker keeps its books in memory; a restart of the orders service must neither forget what it executed
/// (reconciliation would find every position "missing at broker") nor reuse an id it gave before (a fill id seen
/// before is dropped as a duplicate — a fill lost).
/// </summary>
[Collection(nameof(AlpacaCollection))]
public sealed class PaperBrokerRestartTests(AlpacaOrdersFixture fixture)
{
    [Fact]
    public async Task A_restarted_orders_service_keeps_the_paper_books_and_resting_orders_and_books_new_fills()
    {
        var account = $"paper-restart-{Guid.NewGuid():N}"[..24];
        var symbol = $"R{Random.Shared.Next(10_000, 99_999)}";
        await fixture.SetQuoteAsync(symbol, 99.90m, 100.10m);
        var database = await fixture.Servers.CreateDatabaseAsync("ordersdb");
        var settings = AlpacaOrdersFixture.Settings(fixture.Sim, fixture.RiskUrl);

        string restingId;
        decimal firstPrice;
        await using (var first = new ServiceFactory<Program>(fixture.Servers, "ordersdb", database, settings))
        {
            using var http = Client(first);
            var filled = await WhenAsync(http, (await SubmitAsync(http, account, symbol, "market", 10, null)).GetProperty("id").GetString()!,
                o => o.GetProperty("status").GetString() == "filled");
            firstPrice = filled.GetProperty("averageFillPrice").GetDecimal();
            var resting = await SubmitAsync(http, account, symbol, "limit", 5, 95m);
            restingId = resting.GetProperty("id").GetString()!;
            await WhenAsync(http, restingId, o => o.GetProperty("status").GetString() == "submitted");
        }

        await using var second = new ServiceFactory<Program>(fixture.Servers, "ordersdb", database, settings);
        using var again = Client(second);

        // The broker's books survived: 10 shares at the first fill's price, cash debited by it.
        var books = await again.GetFromJsonAsync<JsonElement>($"/api/orders/broker/accounts/{account}");
        var position = books.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == symbol);
        Assert.Equal(10m, position.GetProperty("quantity").GetDecimal());
        Assert.Equal(firstPrice, position.GetProperty("averageCost").GetDecimal());
        Assert.Equal(100_000m - 10m * firstPrice, books.GetProperty("cash").GetDecimal());
        Assert.Contains(books.GetProperty("openOrders").EnumerateArray(), o => o.GetProperty("orderId").GetString() == restingId);

        // A new order after the restart fills and its fill is booked (its id does not collide with one given before).
        var next = await WhenAsync(again, (await SubmitAsync(again, account, symbol, "market", 3, null)).GetProperty("id").GetString()!,
            o => o.GetProperty("status").GetString() == "filled");
        Assert.Equal(3m, next.GetProperty("filledQuantity").GetDecimal());

        // The resting limit order is still worked: the quote falls through it and it fills.
        await fixture.SetQuoteAsync(symbol, 94.80m, 94.90m);
        var rested = await WhenAsync(again, restingId, o => o.GetProperty("status").GetString() == "filled");
        Assert.Equal(5m, rested.GetProperty("filledQuantity").GetDecimal());
        var after = await again.GetFromJsonAsync<JsonElement>($"/api/orders/broker/accounts/{account}");
        Assert.Equal(18m, after.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == symbol)
            .GetProperty("quantity").GetDecimal());
    }

    private static HttpClient Client(ServiceFactory<Program> factory)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(AqTrading.Security.Roles.Admin));
        return http;
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient http, string account, string symbol, string type, decimal quantity, decimal? limitPrice)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { accountId = account, symbol, side = "buy", type, timeInForce = "gtc", quantity, limitPrice }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> WhenAsync(HttpClient http, string id, Func<JsonElement, bool> condition)
    {
        JsonElement order = default;
        await Eventually.TrueAsync(async () => condition(order = await http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}")), $"order {id}");
        return order;
    }
}
