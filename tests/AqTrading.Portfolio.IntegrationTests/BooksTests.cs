using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.Orders;
using AqTrading.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AqTrading.Portfolio.IntegrationTests;

[CollectionDefinition(nameof(ServersCollection))]
public sealed class ServersCollection : ICollectionFixture<LocalServers>;

/// <summary>The portfolio service in-process against real PostgreSQL, Redis and RabbitMQ; fills arrive over the bus.</summary>
[Collection(nameof(ServersCollection))]
public sealed class BooksTests(LocalServers servers) : IAsyncLifetime
{
    private ServiceFactory<Program> _portfolio = null!;
    private HttpClient _http = null!;
    private IBus _bus = null!;
    private readonly string _symbol = $"T{Guid.NewGuid():N}"[..7].ToUpperInvariant();

    public async Task InitializeAsync()
    {
        _portfolio = await ServiceFactory<Program>.CreateAsync(servers, "portfoliodb",
            new Dictionary<string, string?> { ["Portfolio:PaperAccount:Cash"] = "250000" });
        _http = _portfolio.CreateClient();
        var bus = _portfolio.Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        _bus = bus;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _portfolio.DisposeAsync();
    }

    [Fact]
    public async Task The_paper_account_starts_with_the_configured_cash()
    {
        var account = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper");

        Assert.Equal(250_000m, account.GetProperty("cash").GetDecimal());
        Assert.Equal(250_000m, account.GetProperty("equity").GetDecimal());
    }

    [Fact]
    public async Task A_buy_opens_a_position_spends_cash_and_is_marked_at_the_redis_quote()
    {
        await FillAsync("buy", 100, 50m, fees: 1m);
        await SetQuoteAsync(54.90m, 55.10m);

        var position = (await Eventually(() => PositionsAsync()))[0];
        Assert.Equal(100m, position.GetProperty("quantity").GetDecimal());
        Assert.Equal(50m, position.GetProperty("averageCost").GetDecimal());
        Assert.Equal(55m, position.GetProperty("mark").GetDecimal());
        Assert.Equal("quote", position.GetProperty("markSource").GetString());
        Assert.Equal(500m, position.GetProperty("unrealizedPnl").GetDecimal());

        var account = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper");
        Assert.Equal(250_000m - 5_000m - 1m, account.GetProperty("cash").GetDecimal());
        Assert.Equal(250_000m - 5_001m + 5_500m, account.GetProperty("equity").GetDecimal());
    }

    [Fact]
    public async Task Selling_part_realizes_pnl_and_every_fill_is_a_transaction()
    {
        await FillAsync("buy", 100, 50m);
        await Eventually(() => PositionsAsync());
        await FillAsync("sell", 40, 60m, fees: 2m);

        await Eventually(async () => (await PositionsAsync()) is [var p] && p.GetProperty("quantity").GetDecimal() == 60m ? [p] : []);
        var pnl = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/pnl?strategyId=s-" + _symbol);
        Assert.Equal(40m * 10m - 2m, pnl.GetProperty("realizedPnl").GetDecimal());

        var transactions = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions");
        Assert.Equal(2, transactions.EnumerateArray().Count(t => t.GetProperty("symbol").GetString() == _symbol));
    }

    [Fact]
    public async Task The_accounts_realized_pnl_is_the_sum_of_every_transaction_it_booked()
    {
        // An average cost of 70.05 / 7 that no decimal holds exactly, so the realized P&L has to be rounded as stored.
        await FillAsync("buy", 3, 10m);
        await FillAsync("buy", 3, 10.01m);
        await FillAsync("buy", 1, 10.02m);
        await Eventually(async () => (await PositionsAsync()) is [var p] && p.GetProperty("quantity").GetDecimal() == 7m ? [p] : []);
        var before = (await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper")).GetProperty("realizedPnl").GetDecimal();

        await FillAsync("sell", 5, 11m, fees: 0.35m);
        await Eventually(async () => (await PositionsAsync()) is [var p] && p.GetProperty("quantity").GetDecimal() == 2m ? [p] : []);

        var account = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper");
        var transactions = (await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions?limit=1000"))
            .EnumerateArray().ToList();
        Assert.True(transactions.Count < 1000, "every transaction of the account is listed");
        var sell = transactions.Single(t => t.GetProperty("symbol").GetString() == _symbol && t.GetProperty("quantity").GetDecimal() == 5m)
            .GetProperty("realizedPnl").GetDecimal();
        Assert.InRange(sell, 4.61m, 4.62m); // 5 × (11 − 10.00714…) − 0.35
        Assert.Equal(before + sell, account.GetProperty("realizedPnl").GetDecimal());
        Assert.Equal(transactions.Sum(t => t.GetProperty("realizedPnl").GetDecimal()), account.GetProperty("realizedPnl").GetDecimal());
    }

    [Fact]
    public async Task The_same_fill_id_is_booked_once_however_it_is_delivered()
    {
        var fillId = $"F-{Guid.NewGuid():N}";
        var messageId = NewId.NextGuid();
        // The same message redelivered, and the same execution replayed under a new message id.
        await FillAsync("buy", 10, 100m, fillId: fillId, messageId: messageId);
        await FillAsync("buy", 10, 100m, fillId: fillId, messageId: messageId);
        await FillAsync("buy", 10, 100m, fillId: fillId);
        // A later, distinct fill proves the duplicates were processed before we look.
        await FillAsync("buy", 1, 100m);

        var position = await Eventually(async () =>
            (await PositionsAsync()) is [var p] && p.GetProperty("quantity").GetDecimal() >= 11m ? [p] : []);
        await Task.Delay(500);
        Assert.Equal(11m, (await PositionsAsync())[0].GetProperty("quantity").GetDecimal());
    }

    [Fact]
    public async Task A_burst_of_fills_on_one_position_is_booked_fill_by_fill_in_the_order_they_arrived()
    {
        // Sent back to back, so they arrive as one or a few batches: buys at 100…109 (average 104.5), a sell of all ten
        // at 120 that closes the position, and a buy that opens it again.
        for (var i = 0; i < 10; i++)
        {
            await FillAsync("buy", 1, 100m + i);
        }

        await FillAsync("sell", 10, 120m);
        await FillAsync("buy", 3, 130m);

        var position = (await Eventually(async () =>
            (await PositionsAsync()) is [var p] && p.GetProperty("averageCost").GetDecimal() == 130m ? [p] : []))[0];
        Assert.Equal(3m, position.GetProperty("quantity").GetDecimal());
        var pnl = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/pnl?strategyId=s-" + _symbol);
        Assert.Equal(10m * (120m - 104.5m), pnl.GetProperty("realizedPnl").GetDecimal());
        var transactions = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions?limit=1000");
        Assert.Equal(12, transactions.EnumerateArray().Count(t => t.GetProperty("symbol").GetString() == _symbol));
    }

    [Fact]
    public async Task Closing_a_position_removes_it_and_exposure_follows()
    {
        await FillAsync("buy", 10, 100m);
        await Eventually(() => PositionsAsync());
        var exposure = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/exposure");
        Assert.Equal(1_000m, exposure.GetProperty("bySymbol").GetProperty(_symbol).GetDecimal());

        await FillAsync("sell", 10, 101m);
        await Eventually(async () => (await PositionsAsync()).Count == 0 ? [default] : []);
        var after = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/exposure");
        Assert.False(after.GetProperty("bySymbol").TryGetProperty(_symbol, out _));
    }

    [Fact]
    public async Task An_unknown_account_is_a_404_problem()
    {
        var response = await _http.GetAsync("/api/portfolio/accounts/nobody/positions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task FillAsync(string side, decimal quantity, decimal price, decimal fees = 0m, string? fillId = null, Guid? messageId = null) =>
        _bus.Publish(new OrderFilled(fillId ?? $"F-{Guid.NewGuid():N}", Guid.NewGuid(), "paper", $"s-{_symbol}", _symbol, "equity", 1m,
            side, quantity, price, fees, DateTimeOffset.UtcNow), context =>
        {
            if (messageId is { } id)
            {
                context.MessageId = id;
            }
        });

    private async Task SetQuoteAsync(decimal bid, decimal ask)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        await redis.GetDatabase().StringSetAsync($"quote:{_symbol}",
            JsonSerializer.Serialize(new { symbol = _symbol, bid, ask, last = (decimal?)null, bidSize = 0, askSize = 0, time = DateTimeOffset.UtcNow }));
    }

    private async Task<List<JsonElement>> PositionsAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId=s-{_symbol}")).EnumerateArray().ToList();

    private static async Task<List<JsonElement>> Eventually(Func<Task<List<JsonElement>>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await probe();
            if (result.Count > 0)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, "not observed within 30 s");
            await Task.Delay(100);
        }
    }
}
