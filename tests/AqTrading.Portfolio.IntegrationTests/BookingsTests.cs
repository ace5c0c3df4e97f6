using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;

namespace AqTrading.Portfolio.IntegrationTests;

/// <summary>Bookings that are not trades (exercise, assignment, expiry), against the real PostgreSQL.</summary>
[Collection(nameof(ServersCollection))]
public sealed class BookingsTests(LocalServers servers) : IAsyncLifetime
{
    private ServiceFactory<Program> _portfolio = null!;
    private HttpClient _http = null!;
    private readonly string _root = $"B{Guid.NewGuid():N}"[..5].ToUpperInvariant();

    public async Task InitializeAsync()
    {
        _portfolio = await ServiceFactory<Program>.CreateAsync(servers, "portfoliodb",
            new Dictionary<string, string?> { ["Portfolio:PaperAccount:Cash"] = "50000" });
        _http = _portfolio.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _portfolio.DisposeAsync();
    }

    private object Exercise(string bookingId) => new
    {
        bookingId, accountId = "paper", strategyId = "opt", reason = "exercise",
        legs = new object[]
        {
            new { symbol = $"{_root}241220C00100000", assetClass = "option", multiplier = 100m, side = "sell", quantity = 1m, price = 0m },
            new { symbol = _root, assetClass = "equity", multiplier = 1m, side = "buy", quantity = 100m, price = 100m },
        },
    };

    [Fact]
    public async Task An_exercise_books_the_shares_at_the_strike_and_debits_cash_once_however_often_it_is_sent()
    {
        var first = await _http.PostAsJsonAsync("/api/portfolio/bookings", Exercise("expiry:test:1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var booked = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(40_000m, booked.GetProperty("cash").GetDecimal());
        Assert.Equal(["expiry:test:1#0", "expiry:test:1#1"], booked.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("fillId").GetString()));

        var again = await _http.PostAsJsonAsync("/api/portfolio/bookings", Exercise("expiry:test:1"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());

        var account = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper");
        Assert.Equal(40_000m, account.GetProperty("cash").GetDecimal());
        var positions = await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/positions?strategyId=opt");
        var shares = Assert.Single(positions.EnumerateArray(), p => p.GetProperty("symbol").GetString() == _root);
        Assert.Equal(100m, shares.GetProperty("quantity").GetDecimal());
        Assert.Equal(100m, shares.GetProperty("averageCost").GetDecimal());
        // Two legs, two transactions — once.
        Assert.Equal(2, (await _http.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/transactions")).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"accountId":"paper","reason":"exercise","legs":[{"symbol":"X","assetClass":"equity","side":"buy","quantity":1,"price":1}]}""", "bookingId")]
    [InlineData("""{"bookingId":"b","accountId":"paper","reason":"gift","legs":[{"symbol":"X","assetClass":"equity","side":"buy","quantity":1,"price":1}]}""", "reason")]
    [InlineData("""{"bookingId":"b","accountId":"paper","reason":"exercise","legs":[]}""", "legs")]
    [InlineData("""{"bookingId":"b","accountId":"paper","reason":"exercise","legs":[{"symbol":"X","assetClass":"equity","side":"buy","quantity":0,"price":1}]}""", "legs[0].quantity")]
    public async Task Bad_bookings_are_a_400_naming_the_field(string json, string field)
    {
        var response = await _http.PostAsync("/api/portfolio/bookings", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
