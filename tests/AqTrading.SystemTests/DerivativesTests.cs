using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>
/// Options held through expiry and a futures roll, through the gateway: market data registers the contracts, the
/// derivatives service tracks them, orders/risk/paper broker open the positions, and the derivatives service settles
/// (portfolio bookings) or rolls (orders through risk). The expiry date is processed through the API action — the
/// test clock — so the dates are in the past, out of reach of the hosted service's 7-day catch-up window.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class DerivativesTests(SystemFixture system) : IAsyncLifetime
{
    private readonly string _root = "D" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(4).Select(char.ToUpperInvariant).ToArray()).PadRight(4, 'X');

    public Task InitializeAsync() => system.EnsureTradingAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_in_the_money_long_call_held_through_expiry_becomes_100_shares_at_the_strike_with_cash_debited()
    {
        var strategy = $"x{_root}".ToLowerInvariant();
        var option = await OpenOptionAsync("241227C00100000", strategy, "buy", underlyingMid: 110m);

        var action = await ProcessAsync("2024-12-27", option);
        Assert.Equal("exercised", action.GetProperty("kind").GetString());
        Assert.Equal("booked", action.GetProperty("status").GetString());

        var positions = await PositionsAsync(strategy);
        Assert.DoesNotContain(positions, p => p.GetProperty("symbol").GetString() == option);
        var shares = Assert.Single(positions, p => p.GetProperty("symbol").GetString() == _root);
        Assert.Equal(100m, shares.GetProperty("quantity").GetDecimal());
        Assert.Equal(100m, shares.GetProperty("averageCost").GetDecimal());

        var booked = await BookingTransactionsAsync(option, "20241227");
        var stock = Assert.Single(booked, t => t.GetProperty("symbol").GetString() == _root);
        Assert.Equal(-10_000m, stock.GetProperty("cashChange").GetDecimal());
        var closed = Assert.Single(booked, t => t.GetProperty("symbol").GetString() == option);
        Assert.Equal(0m, closed.GetProperty("price").GetDecimal());

        // Processing the date again books nothing more (the position is gone, so the run has nothing to settle).
        var again = await system.Gateway.PostAsJsonAsync("/api/derivatives/expirations/process", new { date = "2024-12-27", accounts = new[] { "paper" } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await BookingTransactionsAsync(option, "20241227")).Count);
    }

    [Fact]
    public async Task An_in_the_money_short_put_is_assigned_into_100_shares_bought_at_the_strike()
    {
        var strategy = $"p{_root}".ToLowerInvariant();
        var option = await OpenOptionAsync("250103P00100000", strategy, "sell", underlyingMid: 90m);

        var action = await ProcessAsync("2025-01-03", option);
        Assert.Equal("assigned", action.GetProperty("kind").GetString());

        var positions = await PositionsAsync(strategy);
        Assert.DoesNotContain(positions, p => p.GetProperty("symbol").GetString() == option);
        var shares = Assert.Single(positions, p => p.GetProperty("symbol").GetString() == _root);
        Assert.Equal(100m, shares.GetProperty("quantity").GetDecimal());
        Assert.Equal(100m, shares.GetProperty("averageCost").GetDecimal());
        var stock = Assert.Single(await BookingTransactionsAsync(option, "20250103"), t => t.GetProperty("symbol").GetString() == _root);
        Assert.Equal(-10_000m, stock.GetProperty("cashChange").GetDecimal());
    }

    [Fact]
    public async Task An_out_of_the_money_option_expires_with_no_position_left()
    {
        var strategy = $"o{_root}".ToLowerInvariant();
        var option = await OpenOptionAsync("250110C00100000", strategy, "buy", underlyingMid: 95m);

        var action = await ProcessAsync("2025-01-10", option);
        Assert.Equal("expired_worthless", action.GetProperty("kind").GetString());

        Assert.Empty(await PositionsAsync(strategy));
        var only = Assert.Single(await BookingTransactionsAsync(option, "20250110"));
        Assert.Equal(0m, only.GetProperty("cashChange").GetDecimal());
    }

    [Fact]
    public async Task A_roll_of_ESZ24_five_days_before_expiry_sends_ESH25_orders_that_pass_risk_and_fill_on_paper()
    {
        const string strategy = "roll-e2e";
        foreach (var (symbol, expiry) in new[] { ("ESZ24", "2024-12-20"), ("ESH25", "2025-03-21") })
        {
            var registered = await system.Gateway.PostAsJsonAsync("/api/market/instruments",
                new { symbol, assetClass = "future", expiry, multiplier = 50m, tickSize = 0.25m });
            Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await registered.Content.ReadAsStringAsync());
            // A small price keeps one contract (× 50) inside the paper account's default position limits.
            (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid = 79.75m, ask = 80.25m })).EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(async () => (await system.Gateway.GetAsync("/api/derivatives/contracts/ESZ24")).IsSuccessStatusCode);
        await FilledAsync(await SubmitAsync(new { accountId = "paper", strategyId = strategy, symbol = "ESZ24", side = "buy", type = "market",
            timeInForce = "day", quantity = 1, assetClass = "future", multiplier = 50m }));
        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Any(p => p.GetProperty("symbol").GetString() == "ESZ24"));

        var plans = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/derivatives/roll/plan?accountId=paper&asOf=2024-12-15");
        var plan = Assert.Single(plans.EnumerateArray(), p => p.GetProperty("strategyId").GetString() == strategy);
        Assert.Equal("ESH25", plan.GetProperty("toSymbol").GetString());
        Assert.True(plan.GetProperty("due").GetBoolean());
        Assert.Equal(5, plan.GetProperty("daysToExpiry").GetInt32());
        Assert.Equal("calendar_spread", plan.GetProperty("strategy").GetString());

        var executed = await system.Gateway.PostAsJsonAsync("/api/derivatives/roll/execute",
            new { accountId = "paper", symbols = new[] { "ESZ24" }, asOf = "2024-12-15" });
        Assert.Equal(HttpStatusCode.OK, executed.StatusCode);
        var execution = Assert.Single((await executed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(),
            e => e.GetProperty("plan").GetProperty("strategyId").GetString() == strategy);
        var orders = execution.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(["ESZ24", "ESH25"], orders.Select(o => o.GetProperty("symbol").GetString()));
        Assert.Equal(["sell", "buy"], orders.Select(o => o.GetProperty("side").GetString()));
        foreach (var order in orders)
        {
            Assert.NotEqual("rejected", order.GetProperty("status").GetString());
            await FilledAsync(order.GetProperty("orderId").GetString()!);
        }

        await Eventually.TrueAsync(async () =>
        {
            var positions = await PositionsAsync(strategy);
            return positions.All(p => p.GetProperty("symbol").GetString() != "ESZ24")
                   && positions.Any(p => p.GetProperty("symbol").GetString() == "ESH25" && p.GetProperty("quantity").GetDecimal() == 1m);
        });
    }

    [Fact]
    public async Task A_held_option_expiring_tomorrow_raises_one_alert_per_due_threshold_once()
    {
        var strategy = $"w{_root}".ToLowerInvariant();
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, newYork).DateTime).AddDays(1);
        // Far out of the money, so a day before expiry its gamma is nil and the account's Greeks limits stay clear for the others.
        var option = await OpenOptionAsync($"{tomorrow:yyMMdd}C00100000", strategy, "buy", underlyingMid: 50m);

        var first = await CheckExpiringAsync();
        Assert.True(first.GetProperty("published").GetInt32() >= 3, first.ToString()); // thresholds 1, 3 and 7 days (others' too)

        var alerts = await Eventually.ValueAsync(async () =>
        {
            var page = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/alerts?type=option_expiring&limit=100");
            var mine = page.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("symbol").GetString() == option).ToList();
            return mine.Count == 3 ? JsonSerializer.SerializeToElement(mine) : (JsonElement?)null;
        });
        Assert.Equal([1, 2, 3], alerts.EnumerateArray().Select(a => a.GetProperty("severity").GetInt32()).Order());
        Assert.All(alerts.EnumerateArray(), a => Assert.Contains("in 1 day", a.GetProperty("summary").GetString()));

        // Checking again publishes nothing for it: no second alert.
        await CheckExpiringAsync();
        var again = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/alerts?type=option_expiring&limit=100");
        Assert.Equal(3, again.GetProperty("alerts").EnumerateArray().Count(a => a.GetProperty("symbol").GetString() == option));
    }

    private async Task<JsonElement> CheckExpiringAsync()
    {
        var response = await system.Gateway.PostAsync("/api/derivatives/expiring/check", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>Registers the option (and quotes it and its underlying), opens one contract, returns its symbol.</summary>
    private async Task<string> OpenOptionAsync(string occTail, string strategy, string side, decimal underlyingMid)
    {
        var option = $"{_root}{occTail}";
        var registered = await system.Gateway.PostAsJsonAsync("/api/market/instruments", new { symbol = option, assetClass = "option" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{option}", new { bid = 0.95m, ask = 1.05m })).EnsureSuccessStatusCode();
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{_root}", new { bid = underlyingMid - 0.05m, ask = underlyingMid + 0.05m }))
            .EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await system.Gateway.GetAsync($"/api/derivatives/contracts/{option}")).IsSuccessStatusCode);

        await FilledAsync(await SubmitAsync(new { accountId = "paper", strategyId = strategy, symbol = option, side, type = "market",
            timeInForce = "day", quantity = 1, assetClass = "option", multiplier = 100m }));
        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Any(p => p.GetProperty("symbol").GetString() == option));
        return option;
    }

    private async Task<JsonElement> ProcessAsync(string date, string symbol)
    {
        var response = await system.Gateway.PostAsJsonAsync("/api/derivatives/expirations/process", new { date, accounts = new[] { "paper" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Assert.Single(run.GetProperty("actions").EnumerateArray(), a => a.GetProperty("symbol").GetString() == symbol);
    }

    private async Task<string> SubmitAsync(object order)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(order) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await system.Gateway.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.True(body.GetProperty("status").GetString() != "rejected", $"the order was rejected: {body}");
        return body.GetProperty("id").GetString()!;
    }

    private async Task FilledAsync(string orderId) =>
        await Eventually.TrueAsync(async () =>
            (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}")).GetProperty("status").GetString() == "filled");

    private async Task<List<JsonElement>> PositionsAsync(string strategy) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId={strategy}")).EnumerateArray().ToList();

    private async Task<List<JsonElement>> BookingTransactionsAsync(string option, string date)
    {
        var transactions = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions?limit=1000");
        return transactions.EnumerateArray()
            .Where(t => t.GetProperty("fillId").GetString()!.StartsWith("expiry:paper:", StringComparison.Ordinal)
                        && t.GetProperty("fillId").GetString()!.Contains($":{option}:{date}#", StringComparison.Ordinal))
            .ToList();
    }
}
