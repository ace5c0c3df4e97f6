using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

[Collection(nameof(SystemCollection))]
public sealed class GatewayTests(SystemFixture system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("portfolio", "portfolio", "portfoliodb")]
    [InlineData("risk", "risk", "riskdb")]
    [InlineData("orders", "orders", "ordersdb")]
    [InlineData("market", "market-data", "marketdatadb")]
    [InlineData("strategies", "strategies", "strategiesdb")]
    [InlineData("backtest", "backtest", "backtestdb")]
    [InlineData("derivatives", "derivatives", "derivativesdb")]
    [InlineData("reconciliation", "reconciliation", "reconciliationdb")]
    [InlineData("agents", "agent-dispatcher", "agentsdb")]
    public async Task Every_service_answers_its_info_endpoint_through_the_gateway(string area, string service, string database)
    {
        var info = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/{area}/info");

        Assert.Equal(service, info.GetProperty("service").GetString());
        Assert.Equal(database, info.GetProperty("database").GetProperty("name").GetString());
        // Migrations ran at start: the service's first table exists.
        Assert.NotEmpty(info.GetProperty("database").GetProperty("appliedMigrations").EnumerateArray());
    }

    [Fact]
    public async Task An_event_written_to_the_market_data_outbox_is_consumed_by_derivatives_over_RabbitMQ()
    {
        var symbol = $"ES{"FGHJKMNQUVXZ"[Random.Shared.Next(12)]}{Random.Shared.Next(27, 99)}";
        var created = await system.Gateway.PostAsJsonAsync("/api/market/instruments", new
        {
            symbol, assetClass = "future", underlying = "ES", expiry = "2027-03-19", multiplier = 50, tickSize = 0.25,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var contract = await Eventually.ValueAsync(async () =>
        {
            var response = await system.Gateway.GetAsync($"/api/derivatives/contracts/{symbol}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        });
        Assert.Equal("future", contract.GetProperty("contractType").GetString());
        Assert.Equal("2027-03-19", contract.GetProperty("expiry").GetString());
        Assert.Equal(50m, contract.GetProperty("multiplier").GetDecimal());
    }

    [Fact]
    public async Task A_quote_market_data_writes_to_Redis_is_read_by_portfolio()
    {
        var symbol = $"T{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        var put = await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid = 101.10m, ask = 101.30m });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var mark = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/marks/{symbol}");

        Assert.Equal(101.20m, mark.GetProperty("price").GetDecimal());
        Assert.Equal(symbol, mark.GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task Malformed_input_gets_a_400_problem_and_changes_nothing()
    {
        var symbol = $"BAD{Random.Shared.Next(1000, 9999)}";
        using var body = new StringContent($"{{\"symbol\":\"{symbol}\",\"assetClass\":\"equity\",\"multiplier\":\"lots\"}}",
            System.Text.Encoding.UTF8, "application/json");

        var response = await system.Gateway.PostAsync("/api/market/instruments", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Gateway.GetAsync($"/api/market/instruments/{symbol}")).StatusCode);
    }

    [Theory]
    [InlineData("/api/orders?status=bogus", HttpStatusCode.BadRequest)]
    [InlineData("/api/orders/00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound)]
    [InlineData("/api/market/instruments?assetClass=crypto", HttpStatusCode.BadRequest)]
    [InlineData("/api/no-such-area/things", HttpStatusCode.NotFound)]
    public async Task Client_errors_are_problem_details_never_the_ui(string path, HttpStatusCode expected)
    {
        var response = await system.Gateway.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("orders", "/api/orders/{id}")]
    [InlineData("market", "/api/market/instruments")]
    public async Task Each_service_publishes_its_OpenAPI_document_through_the_gateway(string area, string path)
    {
        var document = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/{area}/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out _), $"{path} is documented");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/backtest")]
    [InlineData("/derivatives")]
    public async Task The_gateway_serves_the_ui_with_spa_fallback(string path)
    {
        var response = await system.Gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div id=\"root\"></div>", await response.Content.ReadAsStringAsync());
    }

}
