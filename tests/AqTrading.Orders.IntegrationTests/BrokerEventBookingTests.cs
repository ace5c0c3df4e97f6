using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Orders.Brokers;
using AqTrading.Orders.Domain;
using AqTrading.Orders.Lifecycle;
using AqTrading.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AqTrading.Orders.IntegrationTests;

/// <summary>What the broker reports is booked in batches: one transaction for every event waiting, in the broker's order.</summary>
[Collection(nameof(AlpacaCollection))]
public sealed class BrokerEventBookingTests(AlpacaOrdersFixture fixture)
{
    [Fact]
    public async Task A_batch_books_every_event_in_order_and_skips_what_it_cannot_apply_without_losing_the_rest()
    {
        var account = $"paper-batch-{Guid.NewGuid():N}"[..22];
        var symbol = $"B{Random.Shared.Next(10_000, 99_999)}";
        await fixture.SetQuoteAsync(symbol, 99.90m, 100.10m);
        // Limit buys far under the market rest at the paper broker: only the events below fill them.
        var first = await SubmitRestingAsync(account, symbol, 10);
        var second = await SubmitRestingAsync(account, symbol, 4);
        var now = DateTimeOffset.UtcNow;
        var firstFill = new BrokerFill(first, "X-1", $"X-{first:N}-1", 6m, 50m, 0m, now);

        await using (var scope = fixture.Orders.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BrokerEventBooking>().ApplyAsync(
            [
                firstFill,
                new BrokerFill(second, "X-2", $"X-{second:N}-1", 1m, 49m, 0m, now),
                // An order nobody knows, and the first fill again: neither stops the rest of the batch.
                new BrokerStatusUpdate(Guid.NewGuid(), "X-3", OrderStatus.Cancelled, 1, null, now),
                firstFill,
                new BrokerFill(first, "X-1", $"X-{first:N}-2", 4m, 45m, 0m, now),
            ], CancellationToken.None);
        }

        var filled = await GetAsync(first);
        Assert.Equal("filled", filled.GetProperty("status").GetString());
        Assert.Equal(10m, filled.GetProperty("filledQuantity").GetDecimal());
        Assert.Equal(2, filled.GetProperty("fills").GetArrayLength());
        Assert.Equal((6m * 50m + 4m * 45m) / 10m, filled.GetProperty("averageFillPrice").GetDecimal());
        var partial = await GetAsync(second);
        Assert.Equal("partially_filled", partial.GetProperty("status").GetString());
        Assert.Equal(1m, partial.GetProperty("filledQuantity").GetDecimal());
    }

    private async Task<Guid> SubmitRestingAsync(string account, string symbol, decimal quantity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { accountId = account, symbol, side = "buy", type = "limit", timeInForce = "gtc", quantity, limitPrice = 50m }),
        };
        var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await GetAsync(id)).GetProperty("status").GetString() == "submitted", $"order {id} resting");
        return id;
    }

    private async Task<JsonElement> GetAsync(Guid id) => await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
}
