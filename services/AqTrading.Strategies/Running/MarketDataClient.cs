using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Running;

/// <summary>Bar history from the market-data service, for warm-up and for bars missed while Redis was away.</summary>
public sealed class MarketDataClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The most recent <paramref name="last"/> completed bars, oldest first.</summary>
    public async Task<IReadOnlyList<Bar>> LastBarsAsync(string symbol, string resolution, int last, CancellationToken ct)
    {
        var page = await http.GetFromJsonAsync<BarPage>(
            $"/api/market/bars/{Uri.EscapeDataString(symbol)}?resolution={Uri.EscapeDataString(resolution)}&last={last}", Json, ct);
        return page?.Items ?? [];
    }

    private sealed record BarPage(List<Bar> Items, string? NextCursor);
}
