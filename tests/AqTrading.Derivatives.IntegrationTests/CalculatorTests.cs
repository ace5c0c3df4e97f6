using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;

namespace AqTrading.Derivatives.IntegrationTests;

[Collection(nameof(ServersCollection))]
public sealed class CalculatorTests(LocalServers servers) : DerivativesTest(servers)
{
    [Fact]
    public async Task Greeks_of_Hull_s_call_come_back_as_json_numbers_in_trader_units()
    {
        var response = await Http.PostAsJsonAsync("/api/derivatives/calculator", new
        {
            model = "bsm", right = "call", spot = 49, strike = 50, years = 0.3846, rate = 0.05, dividendYield = 0, volatility = 0.2,
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        foreach (var field in new[] { "price", "delta", "gamma", "vega", "theta", "thetaPerDay", "rho", "impliedVolatility" })
        {
            Assert.Equal(JsonValueKind.Number, body.GetProperty(field).ValueKind);
        }

        Assert.Equal(2.40, body.GetProperty("price").GetDouble(), 2);
        Assert.Equal(0.522, body.GetProperty("delta").GetDouble(), 3);
        Assert.Equal(0.121, body.GetProperty("vega").GetDouble(), 3);          // per 0.01 of volatility
        Assert.Equal(-4.31, body.GetProperty("theta").GetDouble(), 2);          // per year
        Assert.Equal(-0.0118, body.GetProperty("thetaPerDay").GetDouble(), 4);  // per calendar day
        Assert.Equal(0.0891, body.GetProperty("rho").GetDouble(), 4);           // per 0.01 of rate
        Assert.Equal(0.2, body.GetProperty("impliedVolatility").GetDouble());
    }

    [Fact]
    public async Task A_market_price_is_turned_into_implied_volatility()
    {
        var response = await Http.PostAsJsonAsync("/api/derivatives/calculator", new
        {
            model = "bsm", right = "call", spot = 21, strike = 20, years = 0.25, rate = 0.1, price = 1.875,
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0.235, body.GetProperty("impliedVolatility").GetDouble(), 3);
        Assert.Equal(1.875, body.GetProperty("price").GetDouble(), 8);
    }

    [Fact]
    public async Task Black76_and_american_models_answer()
    {
        var futures = await (await Http.PostAsJsonAsync("/api/derivatives/calculator", new
        {
            model = "black76", right = "put", spot = 20, strike = 20, years = 4.0 / 12, rate = 0.09, volatility = 0.25,
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1.12, futures.GetProperty("price").GetDouble(), 2);

        var american = await (await Http.PostAsJsonAsync("/api/derivatives/calculator", new
        {
            model = "american", right = "put", spot = 50, strike = 50, years = 5.0 / 12, rate = 0.1, volatility = 0.4,
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4.28, american.GetProperty("price").GetDouble(), 2);
    }

    [Theory]
    [InlineData("""{"model":"heston","right":"call","spot":100,"strike":100,"years":1,"rate":0.05,"volatility":0.2}""", "model")]
    [InlineData("""{"model":"bsm","right":"straddle","spot":100,"strike":100,"years":1,"rate":0.05,"volatility":0.2}""", "right")]
    [InlineData("""{"model":"bsm","right":"call","spot":-1,"strike":100,"years":1,"rate":0.05,"volatility":0.2}""", "spot")]
    [InlineData("""{"model":"bsm","right":"call","spot":100,"strike":0,"years":1,"rate":0.05,"volatility":0.2}""", "strike")]
    [InlineData("""{"model":"bsm","right":"call","spot":100,"strike":100,"rate":0.05,"volatility":0.2}""", "years")]
    [InlineData("""{"model":"bsm","right":"call","spot":100,"strike":100,"years":1,"rate":0.05,"volatility":-0.2}""", "volatility")]
    [InlineData("""{"model":"bsm","right":"call","spot":100,"strike":100,"years":1,"rate":0.05}""", "volatility")]
    [InlineData("""{"model":"bsm","right":"call","spot":100,"strike":100,"years":1,"rate":0.05,"volatility":0.2,"price":5}""", "price")]
    [InlineData("""{"model":"bsm","right":"call","spot":120,"strike":100,"years":1,"rate":0.05,"price":15}""", "price")]
    [InlineData("""{"model":"bsm","right":"call","spot":100,"strike":100,"years":1,"rate":0.05,"price":150}""", "price")]
    [InlineData("""{"model":"bsm","right":"call","spot":100,"strike":100,"years":1,"rate":0.05,"dividendYield":7,"volatility":0.2}""", "dividendYield")]
    public async Task Invalid_input_is_a_400_naming_the_field(string json, string field)
    {
        var response = await Http.PostAsync("/api/derivatives/calculator", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        var response = await Http.PostAsync("/api/derivatives/calculator",
            new StringContent("""{"model":"bsm","spot":"abc"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("spot", await response.Content.ReadAsStringAsync());
    }
}
