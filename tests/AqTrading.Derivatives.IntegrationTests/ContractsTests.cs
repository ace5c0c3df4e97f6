using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AqTrading.Derivatives.IntegrationTests;

/// <summary>Contracts follow market data's instrument events over the real RabbitMQ, into the real PostgreSQL.</summary>
[Collection(nameof(ServersCollection))]
public sealed class ContractsTests(LocalServers servers) : DerivativesTest(servers)
{
    private static readonly DateOnly Today = ExpiryWindow.NewYorkDate(DateTimeOffset.UtcNow);
    private readonly string _underlying = $"U{Guid.NewGuid():N}"[..6].ToUpperInvariant();

    private Task PublishAsync<T>(T message) where T : class => Service.Services.GetRequiredService<IBus>().Publish(message);

    private InstrumentRegistered Option(string symbol, DateOnly expiry, string right = "call", decimal strike = 100m, string? underlying = null) =>
        new(symbol, AssetClasses.Option, 100m, 0.01m, "USD", "OPRA", underlying ?? _underlying, expiry, strike, right, DateTimeOffset.UtcNow);

    private async Task<JsonElement?> ContractAsync(string symbol)
    {
        var response = await Http.GetAsync($"/api/derivatives/contracts/{symbol}");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    [Fact]
    public async Task An_option_is_tracked_with_its_terms_and_style_and_follows_updates_and_removal()
    {
        var symbol = $"{_underlying}C1";
        await PublishAsync(Option(symbol, Today.AddDays(30)));
        var contract = await Eventually(async () => await ContractAsync(symbol) is { } c ? (object)c : null);
        var terms = (JsonElement)contract;
        Assert.Equal(_underlying, terms.GetProperty("underlying").GetString());
        Assert.Equal(100m, terms.GetProperty("strike").GetDecimal());
        Assert.Equal("call", terms.GetProperty("right").GetString());
        Assert.Equal("american", terms.GetProperty("style").GetString());
        Assert.Equal(100m, terms.GetProperty("multiplier").GetDecimal());

        await PublishAsync(new InstrumentUpdated(symbol, AssetClasses.Option, 10m, 0.05m, "USD", "OPRA", _underlying, Today.AddDays(40), 105m, "put",
            DateTimeOffset.UtcNow));
        await Eventually(async () => await ContractAsync(symbol) is { } c && c.GetProperty("strike").GetDecimal() == 105m ? (object)c : null);
        var updated = (await ContractAsync(symbol))!.Value;
        Assert.Equal("put", updated.GetProperty("right").GetString());
        Assert.Equal(10m, updated.GetProperty("multiplier").GetDecimal());
        Assert.Equal(Today.AddDays(40).ToString("yyyy-MM-dd"), updated.GetProperty("expiry").GetString());

        await PublishAsync(new InstrumentRemoved(symbol, AssetClasses.Option, DateTimeOffset.UtcNow));
        await Eventually(async () => (await Http.GetAsync($"/api/derivatives/contracts/{symbol}")).StatusCode == HttpStatusCode.NotFound ? "gone" : null);
    }

    [Fact]
    public async Task Index_options_are_european_and_futures_keep_root_and_tick()
    {
        var spx = $"SPX{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await PublishAsync(Option(spx, Today.AddDays(10), underlying: "SPX"));
        var future = $"Z{Guid.NewGuid():N}"[..5].ToUpperInvariant();
        await PublishAsync(new InstrumentRegistered(future, AssetClasses.Future, 50m, 0.25m, "USD", "CME", "ES", Today.AddDays(60), null, null,
            DateTimeOffset.UtcNow));

        var index = (JsonElement)await Eventually(async () => await ContractAsync(spx) is { } c ? (object)c : null);
        Assert.Equal("european", index.GetProperty("style").GetString());
        var futures = (JsonElement)await Eventually(async () => await ContractAsync(future) is { } c ? (object)c : null);
        Assert.Equal("ES", futures.GetProperty("underlying").GetString());
        Assert.Equal(0.25m, futures.GetProperty("tickSize").GetDecimal());
        Assert.Equal(50m, futures.GetProperty("multiplier").GetDecimal());
        Assert.Equal(JsonValueKind.Null, futures.GetProperty("style").ValueKind);
    }

    [Fact]
    public async Task Expiring_lists_today_to_today_plus_days_with_days_to_expiry_and_severity()
    {
        var symbols = new[] { 0, 1, 2, 3, 4, 5, 6 }.ToDictionary(d => d, d => $"{_underlying}E{d}");
        foreach (var (days, symbol) in symbols)
        {
            await PublishAsync(Option(symbol, Today.AddDays(days)));
        }

        await PublishAsync(Option($"{_underlying}PAST", Today.AddDays(-1)));
        await Eventually(async () => await ContractAsync(symbols[6]) is { } c ? (object)c : null);
        await Eventually(async () => await ContractAsync($"{_underlying}PAST") is { } c ? (object)c : null);

        var list = await Http.GetFromJsonAsync<JsonElement>("/api/derivatives/expiring");
        Assert.Equal(5, list.GetProperty("days").GetInt32());
        var mine = list.GetProperty("contracts").EnumerateArray().Where(c => c.GetProperty("underlying").GetString() == _underlying).ToList();
        Assert.Equal(symbols.Where(s => s.Key <= 5).Select(s => s.Value), mine.Select(c => c.GetProperty("symbol").GetString()));
        var expected = new[] { "critical", "critical", "warning", "warning", "info", "info" };
        Assert.Equal(expected, mine.Select(c => c.GetProperty("severity").GetString()));
        Assert.Equal([0, 1, 2, 3, 4, 5], mine.Select(c => c.GetProperty("daysToExpiry").GetInt32()));

        var todayOnly = await Http.GetFromJsonAsync<JsonElement>("/api/derivatives/expiring?days=0");
        Assert.Equal([symbols[0]], todayOnly.GetProperty("contracts").EnumerateArray()
            .Where(c => c.GetProperty("underlying").GetString() == _underlying).Select(c => c.GetProperty("symbol").GetString()));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("366")]
    [InlineData("abc")]
    public async Task Days_outside_0_to_365_is_a_400_naming_days(string days)
    {
        var response = await Http.GetAsync($"/api/derivatives/expiring?days={days}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("days", await response.Content.ReadAsStringAsync());
    }
}
