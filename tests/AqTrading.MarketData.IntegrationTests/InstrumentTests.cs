using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;

namespace AqTrading.MarketData.IntegrationTests;

[Collection(nameof(ServersCollection))]
public sealed class InstrumentTests(LocalServers servers) : MarketDataTest(servers)
{
    [Fact]
    public async Task An_occ_option_registers_with_terms_from_its_symbol_and_can_be_updated_and_deleted()
    {
        var root = NewSymbol("U")[..5];
        (await Http.PostAsJsonAsync("/api/market/instruments", new { symbol = root, assetClass = "equity" })).EnsureSuccessStatusCode();
        var created = await Http.PostAsJsonAsync("/api/market/instruments", new { symbol = $"{root,-6}270115C00150000", assetClass = "option" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var option = await created.Content.ReadFromJsonAsync<JsonElement>();
        var symbol = $"{root}270115C00150000";
        Assert.Equal(symbol, option.GetProperty("symbol").GetString());
        Assert.Equal("2027-01-15", option.GetProperty("expiry").GetString());
        Assert.Equal(150m, option.GetProperty("strike").GetDecimal());

        // The underlying cannot go while an option refers to it.
        var blocked = await Http.DeleteAsync($"/api/market/instruments/{root}");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal("application/problem+json", blocked.Content.Headers.ContentType?.MediaType);

        var updated = await Http.PutAsJsonAsync($"/api/market/instruments/{symbol}", new { multiplier = 10, exchange = "XCBO" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = await Http.GetFromJsonAsync<JsonElement>($"/api/market/instruments/{symbol}");
        Assert.Equal(10m, read.GetProperty("multiplier").GetDecimal());
        Assert.Equal("XCBO", read.GetProperty("exchange").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/market/instruments/{symbol}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/market/instruments/{root}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/market/instruments/{symbol}")).StatusCode);
    }

    [Fact]
    public async Task Updating_or_deleting_an_unknown_instrument_is_a_404_and_changing_the_class_a_409()
    {
        var symbol = NewSymbol("U");
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PutAsJsonAsync($"/api/market/instruments/{symbol}", new { multiplier = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"/api/market/instruments/{symbol}")).StatusCode);

        (await Http.PostAsJsonAsync("/api/market/instruments", new { symbol, assetClass = "equity" })).EnsureSuccessStatusCode();
        var reclass = await Http.PutAsJsonAsync($"/api/market/instruments/{symbol}", new { assetClass = "future" });
        Assert.Equal(HttpStatusCode.Conflict, reclass.StatusCode);
        var bad = await Http.PutAsJsonAsync($"/api/market/instruments/{symbol}", new { tickSize = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
