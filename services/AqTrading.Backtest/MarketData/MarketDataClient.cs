using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.MarketData;

namespace AqTrading.Backtest.MarketData;

/// <summary>Market-data cannot be reached or answered with an error; the message says which request.</summary>
public sealed class MarketDataUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Bar history from the market-data service (<c>GET /api/market/bars/{symbol}</c>): the warm-up bars before a start
/// (<c>last=N&amp;to=start</c>) and every bar of a range, page by page (<c>from</c>, <c>to</c>, <c>cursor</c>). The service's
/// own token is attached by the platform's handler on every client.
/// </summary>
public sealed class MarketDataClient(HttpClient http)
{
    public const string ClientName = "market-data";
    private const int PageSize = 5000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether market data holds at least one bar of the symbol starting in [from, to).</summary>
    public async Task<bool> HasBarsAsync(string symbol, string resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var page = await GetAsync($"{Path(symbol)}?resolution={resolution}&from={Time(from)}&to={Time(to)}&limit=1", ct);
        return page.Items.Count > 0;
    }

    /// <summary>The last <paramref name="warmupBars"/> bars starting before <paramref name="from"/>, then every bar starting in [from, to), ascending.</summary>
    public async Task<List<Bar>> LoadAsync(string symbol, string resolution, int warmupBars, DateTimeOffset from, DateTimeOffset to, bool adjusted,
        CancellationToken ct)
    {
        var bars = new List<Bar>();
        var flag = adjusted ? "true" : "false";
        if (warmupBars > 0)
        {
            bars.AddRange((await GetAsync($"{Path(symbol)}?resolution={resolution}&to={Time(from)}&last={warmupBars}&adjusted={flag}", ct)).Items);
        }

        string? cursor = null;
        do
        {
            var query = $"{Path(symbol)}?resolution={resolution}&from={Time(from)}&to={Time(to)}&limit={PageSize}&adjusted={flag}";
            var page = await GetAsync(cursor is null ? query : $"{query}&cursor={Uri.EscapeDataString(cursor)}", ct);
            bars.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return bars;
    }

    private async Task<BarPage> GetAsync(string uri, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(uri, ct);
        }
        catch (HttpRequestException e)
        {
            throw new MarketDataUnavailableException($"Market data could not be reached ({e.Message}).", e);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                throw new MarketDataUnavailableException($"Market data answered {(int)response.StatusCode} to {uri}: {body[..Math.Min(body.Length, 500)]}");
            }

            return await response.Content.ReadFromJsonAsync<BarPage>(Json, ct)
                ?? throw new MarketDataUnavailableException($"Market data answered an empty page to {uri}.");
        }
    }

    private static string Path(string symbol) => $"/api/market/bars/{Uri.EscapeDataString(symbol)}";

    private static string Time(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private sealed record BarPage(List<Bar> Items, string? NextCursor);
}
