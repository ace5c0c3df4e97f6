using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.AlpacaSim;
using AqTrading.Orders.Brokers;
using AqTrading.Orders.Brokers.Alpaca;
using AqTrading.Orders.Domain;
using AqTrading.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AqTrading.Orders.IntegrationTests;

/// <summary>
/// Orders for an <c>alpaca-paper</c> account through the real orders service (PostgreSQL, Redis, RabbitMQ) to the
/// local Alpaca simulator: what reaches Alpaca, and how its answers and trade_updates land in the order lifecycle.
/// </summary>
[Collection(nameof(AlpacaCollection))]
public sealed class AlpacaAdapterTests(AlpacaOrdersFixture fixture) : IAsyncLifetime
{
    private readonly string _symbol = $"A{Guid.NewGuid():N}"[..6].ToUpperInvariant();
    private AlpacaSimulator Sim => fixture.Sim;

    public async Task InitializeAsync()
    {
        Sim.AutoFill = true;
        Sim.ExecutionsPerFill = 1;
        Sim.RestoreStream();
        Sim.SetPrice(_symbol, 100m);
        await fixture.SetQuoteAsync(_symbol, 99.95m, 100.05m);
        await Eventually.TrueAsync(() => Task.FromResult(Sim.ConnectedStreams > 0), "a connected stream");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("market", "day", null, null, "market", "day")]
    [InlineData("limit", "gtc", 90.5, null, "limit", "gtc")]
    [InlineData("stop", "day", null, 120.25, "stop", "day")]
    [InlineData("stop_limit", "gtc", 121.0, 120.5, "stop_limit", "gtc")]
    [InlineData("limit", "ioc", 99.0, null, "limit", "ioc")]
    [InlineData("market", "ioc", null, null, "market", "ioc")]
    public async Task Each_order_type_and_time_in_force_reaches_Alpaca_in_its_own_terms(
        string type, string timeInForce, double? limit, double? stop, string alpacaType, string alpacaTimeInForce)
    {
        Sim.AutoFill = false;
        var order = await SubmitAsync(new
        {
            accountId = AlpacaOrdersFixture.Account, symbol = _symbol, side = "sell", type, timeInForce, quantity = 7,
            limitPrice = (decimal?)limit, stopPrice = (decimal?)stop,
        });

        var id = order.GetProperty("id").GetString()!;
        var placed = Sim.Order(id);
        Assert.NotNull(placed);
        Assert.Equal(id, placed.ClientOrderId);
        Assert.Equal(placed.Id, order.GetProperty("brokerOrderId").GetString());
        Assert.Equal(alpacaType, placed.Type);
        Assert.Equal(alpacaTimeInForce, placed.TimeInForce);
        Assert.Equal("sell", placed.Side);
        Assert.Equal(7m, placed.Qty);
        Assert.Equal((decimal?)limit, placed.LimitPrice);
        Assert.Equal((decimal?)stop, placed.StopPrice);
        var body = Sim.Requests.Single(r => r.Method == "POST" && r.Body!.Contains(id, StringComparison.Ordinal)).Body!;
        // Alpaca's documented shape: snake_case names, quantities and prices as strings.
        Assert.Contains("\"qty\":\"7\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"client_order_id\":\"{id}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_fill_then_the_rest_fill_the_order_at_the_volume_weighted_price()
    {
        Sim.AutoFill = false;
        var id = (await SubmitAsync(Limit(10, 101m))).GetProperty("id").GetString()!;
        var alpacaId = Sim.Order(id)!.Id;

        Sim.Fill(alpacaId, 4, 100m);
        var partial = await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "partially_filled");
        Assert.Equal(4m, partial.GetProperty("filledQuantity").GetDecimal());

        Sim.Fill(alpacaId, 6, 101m);
        var filled = await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "filled");
        Assert.Equal(10m, filled.GetProperty("filledQuantity").GetDecimal());
        Assert.Equal(100.6m, filled.GetProperty("averageFillPrice").GetDecimal());
        Assert.Equal([4m, 6m], filled.GetProperty("fills").EnumerateArray().Select(f => f.GetProperty("quantity").GetDecimal()).Order());
    }

    [Fact]
    public async Task An_order_Alpaca_refuses_is_rejected_with_its_reason()
    {
        // 1,000 × 100 is more than the simulated account's cash: Alpaca answers 403 "insufficient buying power".
        var order = await SubmitAsync(new { accountId = AlpacaOrdersFixture.Account, symbol = _symbol, side = "buy", type = "market",
            timeInForce = "day", quantity = 1_000_000 });

        Assert.Equal("rejected", order.GetProperty("status").GetString());
        Assert.Equal("broker_rejected", order.GetProperty("rejectCode").GetString());
        Assert.Contains("insufficient buying power", order.GetProperty("rejectMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_Alpaca_accepts_and_then_rejects_ends_rejected()
    {
        Sim.RejectSymbol(_symbol);
        var id = (await SubmitAsync(Limit(5, 100m))).GetProperty("id").GetString()!;

        var order = await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "rejected");
        Assert.Equal("broker_rejected", order.GetProperty("rejectCode").GetString());
        Assert.Equal("rejected", Sim.Order(id)!.Status);
    }

    [Fact]
    public async Task Rate_limited_requests_are_retried_and_place_one_order()
    {
        Sim.RateLimitOrderSubmits(2);
        var id = (await SubmitAsync(Limit(3, 100m))).GetProperty("id").GetString()!;

        var order = await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "filled");
        Assert.Equal(3m, order.GetProperty("filledQuantity").GetDecimal());
        var posts = Sim.Requests.Where(r => r.Method == "POST" && r.Body!.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 429, 200], posts.Select(p => p.Status));
        Assert.Single(Sim.Orders, o => o.ClientOrderId == id);
    }

    [Fact]
    public async Task A_submit_whose_answer_was_lost_is_retried_without_a_second_order()
    {
        // Alpaca takes the order but the answer is a 500: the retry meets "client_order_id must be unique" and the
        // adapter adopts the order that already carries our id.
        Sim.FailAfterAccepting(1);
        var id = (await SubmitAsync(Limit(2, 100m))).GetProperty("id").GetString()!;

        var order = await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "filled");
        Assert.Single(Sim.Orders, o => o.ClientOrderId == id);
        Assert.Equal(Sim.Order(id)!.Id, order.GetProperty("brokerOrderId").GetString());
        var posts = Sim.Requests.Where(r => r.Method == "POST" && r.Body!.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Equal([500, 422], posts.Select(p => p.Status));
        Assert.Contains(Sim.Requests, r => r.Method == "GET" && r.Path == $"/v2/orders:by_client_order_id?client_order_id={id}");
        Assert.Equal(2m, order.GetProperty("filledQuantity").GetDecimal());
    }

    [Fact]
    public async Task Submitting_the_same_order_to_the_adapter_twice_returns_the_first_Alpaca_order()
    {
        Sim.AutoFill = false;
        var order = new BrokerOrder(Guid.NewGuid(), AlpacaOrdersFixture.Account, _symbol, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 1m,
            95m, null, 1m);

        var first = await fixture.Router.SubmitAsync(order, CancellationToken.None);
        var second = await fixture.Router.SubmitAsync(order, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(Sim.Orders, o => o.ClientOrderId == order.OrderId.ToString());
        Assert.Equal(OrderStatus.Submitted, await fixture.Router.GetStatusAsync(first, CancellationToken.None));
    }

    [Fact]
    public async Task Stream_dropped_mid_fill_the_rest_is_recovered_after_reconnect_exactly_once()
    {
        Sim.AutoFill = false;
        var id = (await SubmitAsync(Limit(10, 101m))).GetProperty("id").GetString()!;
        var alpacaId = Sim.Order(id)!.Id;
        Sim.Fill(alpacaId, 4, 100m);
        await OrderWhenAsync(id, o => o.GetProperty("filledQuantity").GetDecimal() == 4m);
        var connections = fixture.Alpaca.Connections;

        // The stream goes away; the rest fills while nobody listens (Alpaca does not replay it).
        Sim.DropStreams(stayDown: true);
        Sim.Fill(alpacaId, 6, 101m);
        Sim.RestoreStream();

        var filled = await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "filled");
        Assert.True(fixture.Alpaca.Connections > connections, "the adapter reconnected");
        Assert.Equal(10m, filled.GetProperty("filledQuantity").GetDecimal());
        Assert.Equal(100.6m, filled.GetProperty("averageFillPrice").GetDecimal());
        Assert.Equal(2, filled.GetProperty("fills").GetArrayLength());

        // Polling again (as after another reconnect) finds nothing missing: the fill was applied exactly once.
        await fixture.Alpaca.RecoverAsync(CancellationToken.None);
        await fixture.Alpaca.RecoverAsync(CancellationToken.None);
        var again = await GetOrderAsync(id);
        Assert.Equal(2, again.GetProperty("fills").GetArrayLength());
        Assert.Equal(10m, again.GetProperty("filledQuantity").GetDecimal());

        // And the broker's books agree with ours for this symbol.
        var position = Assert.Single(await fixture.Router.GetPositionsAsync(AlpacaOrdersFixture.Account, CancellationToken.None),
            p => p.Symbol == _symbol);
        Assert.Equal(filled.GetProperty("filledQuantity").GetDecimal(), position.Quantity);
        Assert.Equal(100.6m, position.AverageCost);
    }

    [Fact]
    public async Task An_order_filled_entirely_while_the_stream_was_down_is_recovered_by_polling()
    {
        Sim.AutoFill = false;
        var id = (await SubmitAsync(Limit(8, 101m))).GetProperty("id").GetString()!;
        var alpacaId = Sim.Order(id)!.Id;

        Sim.DropStreams(stayDown: true);
        Sim.Fill(alpacaId, 8, 99.5m);
        Sim.RestoreStream();

        var filled = await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "filled");
        var fill = Assert.Single(filled.GetProperty("fills").EnumerateArray());
        Assert.Equal(8m, fill.GetProperty("quantity").GetDecimal());
        Assert.Equal(99.5m, fill.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task A_cancel_goes_to_Alpaca_and_its_canceled_event_ends_the_order()
    {
        Sim.AutoFill = false;
        var id = (await SubmitAsync(Limit(5, 90m))).GetProperty("id").GetString()!;

        var cancel = await fixture.Http.PostAsync($"/api/orders/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "cancelled");
        Assert.Equal("canceled", Sim.Order(id)!.Status);
        Assert.Contains(Sim.Requests, r => r.Method == "DELETE" && r.Path == $"/v2/orders/{Sim.Order(id)!.Id}" && r.Status == 204);
    }

    [Fact]
    public async Task An_event_the_adapter_does_not_know_is_logged_and_leaves_the_order_as_it_was()
    {
        Sim.AutoFill = false;
        var id = (await SubmitAsync(Limit(5, 101m))).GetProperty("id").GetString()!;
        var alpacaId = Sim.Order(id)!.Id;

        await Sim.SendEventAsync(alpacaId, "teleported");
        // Events arrive in order: once this fill is booked, the unknown event before it has been handled.
        Sim.Fill(alpacaId, 1, 100m);

        var order = await OrderWhenAsync(id, o => o.GetProperty("filledQuantity").GetDecimal() == 1m);
        Assert.Equal("partially_filled", order.GetProperty("status").GetString());
        Assert.DoesNotContain(order.GetProperty("transitions").EnumerateArray(), t => t.GetProperty("reason").GetString()?.Contains("teleported") == true);
        Assert.Contains(fixture.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("'teleported'", StringComparison.Ordinal)
                                                 && l.Message.Contains(alpacaId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Positions_and_account_come_from_Alpaca_for_reconciliation()
    {
        var id = (await SubmitAsync(new { accountId = AlpacaOrdersFixture.Account, symbol = _symbol, side = "buy", type = "market",
            timeInForce = "day", quantity = 12 })).GetProperty("id").GetString()!;
        await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "filled");

        var position = Assert.Single(await fixture.Router.GetPositionsAsync(AlpacaOrdersFixture.Account, CancellationToken.None),
            p => p.Symbol == _symbol);
        Assert.Equal(12m, position.Quantity);
        Assert.Equal(100m, position.AverageCost);
        var account = await fixture.Router.GetAccountAsync(AlpacaOrdersFixture.Account, CancellationToken.None);
        Assert.Equal(AlpacaOrdersFixture.Account, account.AccountId);
        Assert.Equal(Sim.Cash, account.Cash);
        // Another account is still on the paper broker.
        Assert.Same(fixture.Router.For("paper"), fixture.Router.For("someone-else"));
        Assert.NotSame(fixture.Router.For("paper"), fixture.Router.For(AlpacaOrdersFixture.Account));
    }

    [Fact]
    public async Task The_keys_never_reach_a_log_line_or_an_options_string()
    {
        // Work that logs: an order, a fill, a rejected request, a reconnect.
        var id = (await SubmitAsync(Limit(1, 101m))).GetProperty("id").GetString()!;
        await OrderWhenAsync(id, o => o.GetProperty("status").GetString() == "filled");
        var connections = fixture.Alpaca.Connections;
        Sim.DropStreams(stayDown: false);
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Alpaca.Connections > connections), "a reconnect");

        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Message.Contains(Sim.SecretKey, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Message.Contains(Sim.KeyId, StringComparison.Ordinal));
        var options = fixture.Orders.Services.GetRequiredService<IOptions<BrokerSelectionOptions>>().Value;
        Assert.DoesNotContain(Sim.SecretKey, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Sim.KeyId, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("SecretKey=(set)", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_account_without_the_confirmation_refuses_to_start()
    {
        var settings = AlpacaOrdersFixture.Settings(Sim, "http://127.0.0.1:9", broker: "alpaca-live");
        await using var factory = await ServiceFactory<Program>.CreateAsync(fixture.Servers, "ordersdb", settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException a ? a.InnerExceptions.Single() : error);
        Assert.Contains($"Orders:Brokers:Accounts:{AlpacaOrdersFixture.Account}:Alpaca:ConfirmLiveTrading", validation.Message, StringComparison.Ordinal);
        Assert.Contains("real money", validation.Message, StringComparison.Ordinal);
    }

    private object Limit(decimal quantity, decimal limitPrice) => new
    {
        accountId = AlpacaOrdersFixture.Account, strategyId = "alpaca-tests", symbol = _symbol, side = "buy", type = "limit", timeInForce = "gtc",
        quantity, limitPrice,
    };

    private async Task<JsonElement> SubmitAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await fixture.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<JsonElement> GetOrderAsync(string id) => fixture.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");

    private async Task<JsonElement> OrderWhenAsync(string id, Func<JsonElement, bool> condition)
    {
        JsonElement order = default;
        await Eventually.TrueAsync(async () => condition(order = await GetOrderAsync(id)), $"order {id} in the expected state");
        return order;
    }
}
