using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using AqTrading.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;

namespace AqTrading.Risk.IntegrationTests;

/// <summary>
/// The Greeks gate and API in-process against real PostgreSQL, Redis and RabbitMQ. The portfolio is a small HTTP
/// server of this test (the account and its option positions); quotes are written to Redis as market data writes them.
/// </summary>
[Collection(nameof(ServersCollection))]
public sealed class GreeksGateTests(LocalServers servers) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _account = "grk-" + Guid.NewGuid().ToString("N")[..8];
    // A root of its own per test, so parallel tests and old quotes in the shared Redis cannot meet.
    private readonly string _underlying = "G" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(4)).ToUpperInvariant();
    private readonly string _expiry = DateTime.UtcNow.AddDays(400).ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture);
    private WebApplication _portfolio = null!;
    private ConnectionMultiplexer _redis = null!;

    private string Call => $"{_underlying}{_expiry}C00100000";

    private string Put => $"{_underlying}{_expiry}P00100000";

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _portfolio = builder.Build();
        var account = new { id = _account, equity = 10_000_000m, buyingPower = 10_000_000m, dayPnl = 0m, peakEquity = 10_000_000m };
        _portfolio.MapGet("/api/portfolio/accounts", () => Results.Json(new[] { account }));
        _portfolio.MapGet("/api/portfolio/accounts/{id}", (string id) => id == _account ? Results.Json(account) : Results.NotFound());
        // Five long calls, strike 100, about 13 months out: dollar delta ≈ 5 · 100 · 100 · 0.6 ≈ 30,000 at S = 100.
        _portfolio.MapGet("/api/portfolio/accounts/{id}/positions", () =>
            Results.Json(new[] { new { symbol = Call, strategyId = "wheel", quantity = 5m, marketValue = 5_000m } }));
        await _portfolio.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _portfolio.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private string PortfolioUrl => _portfolio.Urls.First();

    private async Task<(ServiceFactory<Program> Risk, HttpClient Http)> StartRiskAsync(bool failClosed = false)
    {
        var risk = await ServiceFactory<Program>.CreateAsync(servers, "riskdb", new Dictionary<string, string?>
        {
            ["Risk:OrdersUrl"] = "http://127.0.0.1:9",
            ["Risk:PortfolioUrl"] = PortfolioUrl,
            ["Risk:Greeks:FailClosed"] = failClosed ? "true" : "false",
            ["Risk:Greeks:RefreshSeconds"] = "1",
        });
        var http = risk.CreateClient();
        // Wide pre-trade limits, so that only the Greeks step decides.
        var limits = new
        {
            maxPositionValue = 10_000_000m, maxPositionPct = 100m, maxQuantityPerOrder = 10_000m, maxPositions = 100, maxExposurePct = 1_000m,
            dailyLossLimit = 1_000_000m, maxDrawdownPct = 90m, blockedSymbols = Array.Empty<string>(), allowedSymbols = Array.Empty<string>(),
        };
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync($"/api/risk/limits/{_account}", limits)).StatusCode);
        // Dollar delta is what this test exercises: 10k / 20k / 50k; the other dimensions are far away.
        var greeksLimits = new
        {
            dollarDelta = new { warn = 10_000, crit = 20_000, hard = 50_000 },
            gammaDollar = new { warn = 1e7, crit = 2e7, hard = 3e7 },
            vegaPer1Pct = new { warn = 1e7, crit = 2e7, hard = 3e7 },
            thetaPerDay = new { warn = 1e7, crit = 2e7, hard = 3e7 },
        };
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync($"/api/greeks/accounts/{_account}/limits", greeksLimits)).StatusCode);
        // Computing the Greeks once fills the cache the gate reads (the background cycle would, within a second): the
        // checks below then never depend on a first computation fitting the order path's 100 ms budget on a busy machine.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/greeks/accounts/{_account}")).StatusCode);
        return (risk, http);
    }

    private async Task QuoteAsync(string symbol, decimal bid, decimal ask, DateTimeOffset time) =>
        await _redis.GetDatabase().StringSetAsync(Quote.RedisKey(symbol),
            JsonSerializer.Serialize(new Quote(symbol, bid, ask, null, 100, 100, time), Json), TimeSpan.FromMinutes(10));

    private Task<HttpResponseMessage> CheckAsync(HttpClient http, string symbol, string side, int contracts, decimal premium) =>
        http.PostAsJsonAsync("/api/risk/check", new
        {
            orderId = Guid.NewGuid(), accountId = _account, strategyId = "wheel", symbol, side, quantity = contracts, price = premium,
            multiplier = 100,
        });

    [Fact]
    public async Task An_option_order_pushing_dollar_delta_past_the_hard_limit_is_rejected_with_the_breached_dimension_and_a_put_is_not()
    {
        await QuoteAsync(_underlying, 99.95m, 100.05m, DateTimeOffset.UtcNow.AddMinutes(5)); // fresh for the whole test
        var (risk, http) = await StartRiskAsync();
        await using var riskScope = risk;
        using var client = http;

        var calls = await (await CheckAsync(http, Call, "buy", 10, 12m)).Content.ReadFromJsonAsync<JsonElement>();
        var puts = await (await CheckAsync(http, Put, "buy", 10, 7m)).Content.ReadFromJsonAsync<JsonElement>();

        // ≈ 30k held + ≈ 60k from ten more calls > 50k.
        Assert.False(calls.GetProperty("approved").GetBoolean());
        Assert.Equal("greeks_limit", calls.GetProperty("reasonCode").GetString());
        Assert.Contains("dollar_delta", calls.GetProperty("message").GetString());
        Assert.DoesNotContain("gamma_dollar", calls.GetProperty("message").GetString());
        // The same ten contracts as puts take delta down: approved, with no warning.
        Assert.True(puts.GetProperty("approved").GetBoolean(), puts.ToString());
        Assert.Contains("greeks", puts.GetProperty("checksPassed").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, puts.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public async Task With_stale_greeks_the_order_proceeds_with_a_warning_by_default()
    {
        await QuoteAsync(_underlying, 99.95m, 100.05m, DateTimeOffset.UtcNow.AddMinutes(-10));
        var (risk, http) = await StartRiskAsync();
        await using var riskScope = risk;
        using var client = http;

        var response = await (await CheckAsync(http, Call, "buy", 10, 12m)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.GetProperty("approved").GetBoolean(), response.ToString());
        Assert.StartsWith("greeks_data_stale", response.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task With_stale_greeks_the_order_is_rejected_in_fail_closed_mode()
    {
        await QuoteAsync(_underlying, 99.95m, 100.05m, DateTimeOffset.UtcNow.AddMinutes(-10));
        var (risk, http) = await StartRiskAsync(failClosed: true);
        await using var riskScope = risk;
        using var client = http;

        var response = await (await CheckAsync(http, Put, "buy", 1, 7m)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(response.GetProperty("approved").GetBoolean());
        Assert.Equal("greeks_data_stale", response.GetProperty("reasonCode").GetString());
    }

    [Fact]
    public async Task The_api_shows_the_account_greeks_scenarios_alerts_and_validates_limits()
    {
        await QuoteAsync(_underlying, 99.95m, 100.05m, DateTimeOffset.UtcNow.AddMinutes(5));
        var (risk, http) = await StartRiskAsync();
        await using var riskScope = risk;
        using var client = http;

        var greeks = await http.GetFromJsonAsync<JsonElement>($"/api/greeks/accounts/{_account}");
        var delta = greeks.GetProperty("account").GetProperty("greeks").GetProperty("dollarDelta").GetDouble();
        Assert.InRange(delta, 20_000, 50_000);
        Assert.Equal(100, greeks.GetProperty("account").GetProperty("coveragePct").GetDouble());
        Assert.Equal(delta, greeks.GetProperty("strategies").GetProperty("wheel").GetProperty("greeks").GetProperty("dollarDelta").GetDouble());
        Assert.Equal(delta, greeks.GetProperty("underlyings").GetProperty(_underlying).GetProperty("greeks").GetProperty("dollarDelta").GetDouble());

        var scenario = await http.GetFromJsonAsync<JsonElement>($"/api/greeks/accounts/{_account}/scenario?shocks=1");
        // Computed live again: time to expiry moved on a little, so compare with the scenario's own current delta.
        var scenarioDelta = scenario.GetProperty("current").GetProperty("dollarDelta").GetDouble();
        var up = scenario.GetProperty("scenarios").GetProperty("+1%");
        Assert.Equal(scenarioDelta * 0.01, up.GetProperty("pnlFromDelta").GetDouble(), 6);
        Assert.True(up.GetProperty("newDollarDelta").GetDouble() > scenarioDelta); // long calls: long gamma

        var bad = await http.PutAsJsonAsync($"/api/greeks/accounts/{_account}/limits", new
        {
            dollarDelta = new { warn = 20_000, crit = 10_000, hard = 50_000 },
            gammaDollar = new { warn = 1, crit = 2, hard = 3 },
            vegaPer1Pct = new { warn = 1, crit = 2, hard = 3 },
            thetaPerDay = new { warn = 1, crit = 2, hard = 3 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("dollarDelta.crit", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/api/greeks/accounts/{_account}/history?window=2h")).StatusCode);

        // Δ$ ≈ 30k is past the 20k crit level: the monitor raises an alert, which can be acknowledged.
        JsonElement alerts;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(250);
            alerts = await http.GetFromJsonAsync<JsonElement>($"/api/greeks/accounts/{_account}/alerts");
        }
        while (alerts.GetArrayLength() == 0 && DateTime.UtcNow < deadline);

        var alert = alerts.EnumerateArray().First(a => a.GetProperty("scope").GetString() == "account");
        Assert.Equal("dollar_delta", alert.GetProperty("metric").GetString());
        Assert.Equal("crit", alert.GetProperty("level").GetString());
        var acknowledged = await http.PostAsync($"/api/greeks/alerts/{alert.GetProperty("alertId").GetGuid()}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var open = await http.GetFromJsonAsync<JsonElement>($"/api/greeks/accounts/{_account}/alerts");
        Assert.DoesNotContain(open.EnumerateArray(), a => a.GetProperty("alertId").GetGuid() == alert.GetProperty("alertId").GetGuid());

        var history = await http.GetFromJsonAsync<JsonElement>($"/api/greeks/accounts/{_account}/history?window=1h");
        Assert.Equal("30s", history.GetProperty("bucket").GetString());
        Assert.NotEqual(0, history.GetProperty("points").GetArrayLength());
    }
}
