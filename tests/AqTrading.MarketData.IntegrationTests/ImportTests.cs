using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AqTrading.Testing;

namespace AqTrading.MarketData.IntegrationTests;

[Collection(nameof(ServersCollection))]
public sealed class ImportTests(LocalServers servers) : MarketDataTest(servers)
{
    private Task<HttpResponseMessage> ImportLeanAsync(string symbol, string resolution = "daily", string? from = null, string? to = null) =>
        Http.PostAsJsonAsync("/api/market/import", new { lean = new { root = LeanRoot, symbols = new[] { symbol }, resolution, from, to } });

    [Fact]
    public async Task Lean_daily_bars_of_SPY_come_back_exactly_as_in_the_file()
    {
        var file = ReadZippedLines(Path.Combine(LeanRoot, "equity", "usa", "daily", "spy.zip"));

        var response = await ImportLeanAsync("spy");

        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(file.Count, result.GetProperty("bars").GetInt32());
        Assert.True(result.GetProperty("factorRows").GetInt32() > 0);

        // Every row, through the pages of the history API.
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await Http.GetFromJsonAsync<JsonElement>($"/api/market/bars/SPY?resolution=1d&limit=5000{(cursor is null ? "" : "&cursor=" + cursor)}");
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(file.Count, all.Count);
        AssertBar(all[0], "1998-01-02T05:00:00+00:00", "1998-01-03T05:00:00+00:00", file[0]);   // EST: midnight New York = 05:00 UTC
        AssertBar(all[^1], "2021-03-31T04:00:00+00:00", "2021-04-01T04:00:00+00:00", file[^1]); // EDT: 04:00 UTC
        var starts = all.Select(b => b.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_stores_each_bar_once()
    {
        (await ImportLeanAsync("ibm", from: "2020-01-01")).EnsureSuccessStatusCode();
        (await ImportLeanAsync("ibm", from: "2020-01-01")).EnsureSuccessStatusCode();

        var bars = await BarsAsync("IBM", "resolution=1d&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z");
        Assert.Equal(21, bars.Count); // the trading days of January 2020
    }

    [Fact]
    public async Task Adjusted_history_divides_prices_before_the_7_for_1_split_exactly_as_the_factor_file_says()
    {
        (await ImportLeanAsync("aapl", from: "2014-06-01", to: "2014-06-30")).EnsureSuccessStatusCode();
        const string range = "resolution=1d&from=2014-06-06T00:00:00Z&to=2014-06-10T00:00:00Z";

        var raw = await BarsAsync("AAPL", range);
        var adjusted = await BarsAsync("AAPL", range + "&adjusted=true");

        Assert.Equal([645.57m, 93.70m], raw.Select(b => b.GetProperty("close").GetDecimal()));
        // aapl.csv: 20140606,0.9011818,0.03571430 applies up to 2014-06-06; 20140806,0.9011818,0.25 from 2014-06-09.
        Assert.Equal(Math.Round(645.57m * 0.9011818m * 0.0357143m, 6), adjusted[0].GetProperty("close").GetDecimal());
        Assert.Equal(Math.Round(93.70m * 0.9011818m * 0.25m, 6), adjusted[1].GetProperty("close").GetDecimal());
        Assert.Equal(raw.Select(b => b.GetProperty("start").GetString()), adjusted.Select(b => b.GetProperty("start").GetString()));
    }

    [Fact]
    public async Task Lean_minute_bars_start_at_new_york_time_in_utc()
    {
        (await ImportLeanAsync("aapl", "minute", from: "2014-06-05", to: "2014-06-05")).EnsureSuccessStatusCode();
        var file = ReadZippedLines(Path.Combine(LeanRoot, "equity", "usa", "minute", "aapl", "20140605_trade.zip"));

        var bars = await BarsAsync("AAPL", "resolution=1m&from=2014-06-05T00:00:00Z&to=2014-06-06T00:00:00Z&limit=5000");

        Assert.Equal(file.Count, bars.Count);
        var first = file[0].Split(',');
        var start = new DateTimeOffset(2014, 6, 5, 4, 0, 0, TimeSpan.Zero).AddMilliseconds(long.Parse(first[0])); // EDT midnight = 04:00 UTC
        Assert.Equal(start, bars[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(long.Parse(first[4]) / 10_000m, bars[0].GetProperty("close").GetDecimal());
    }

    [Fact]
    public async Task A_malformed_csv_line_is_a_400_naming_file_and_line_and_nothing_is_stored()
    {
        var symbol = NewSymbol();
        var csv = $"timestamp,symbol,open,high,low,close,volume\n2024-01-02T14:30:00Z,{symbol},10,11,9,10.5,100\n2024-01-02T14:31:00Z,{symbol},10,11,9,ten,100\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("1m"), "resolution" },
            { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "january.csv" },
        };

        var response = await Http.PostAsync("/api/market/import", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("january.csv", problem.GetProperty("file").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Contains("january.csv, line 3", problem.GetProperty("detail").GetString());
        Assert.Empty(await BarsAsync(symbol, "resolution=1m"));
    }

    [Fact]
    public async Task A_csv_body_imports_and_pages_with_a_cursor()
    {
        var symbol = NewSymbol();
        var t0 = new DateTimeOffset(2024, 1, 2, 14, 30, 0, TimeSpan.Zero);
        var csv = new StringBuilder("timestamp,symbol,open,high,low,close,volume\n");
        for (var i = 0; i < 25; i++)
        {
            csv.Append($"{t0.AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ},{symbol},{100 + i},{101 + i},{99 + i},{100.5m + i},{1000 + i}\n");
        }

        using var body = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        (await Http.PostAsync("/api/market/import?resolution=1m&fileName=bars.csv", body)).EnsureSuccessStatusCode();

        var pages = new List<List<JsonElement>>();
        string? cursor = null;
        do
        {
            var page = await Http.GetFromJsonAsync<JsonElement>($"/api/market/bars/{symbol}?resolution=1m&limit=10{(cursor is null ? "" : "&cursor=" + cursor)}");
            pages.Add(page.GetProperty("items").EnumerateArray().ToList());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => 1000L + i), pages.SelectMany(p => p).Select(b => b.GetProperty("volume").GetInt64()));

        var last3 = await BarsAsync(symbol, "resolution=1m&last=3");
        Assert.Equal([1022L, 1023L, 1024L], last3.Select(b => b.GetProperty("volume").GetInt64()));
        var before = await BarsAsync(symbol, $"resolution=1m&last=2&to={t0.AddMinutes(10):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal([1008L, 1009L], before.Select(b => b.GetProperty("volume").GetInt64()));
        var range = await BarsAsync(symbol, $"resolution=1m&from={t0.AddMinutes(5):yyyy-MM-ddTHH:mm:ssZ}&to={t0.AddMinutes(8):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal([1005L, 1006L, 1007L], range.Select(b => b.GetProperty("volume").GetInt64()));
    }

    [Theory]
    [InlineData("resolution=5m")]
    [InlineData("")]
    [InlineData("resolution=1m&limit=0")]
    [InlineData("resolution=1m&limit=5001")]
    [InlineData("resolution=1m&last=6000")]
    [InlineData("resolution=1m&from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z")]
    [InlineData("resolution=1m&from=yesterday")]
    [InlineData("resolution=1m&cursor=nonsense")]
    [InlineData("resolution=1m&last=5&from=2024-01-01T00:00:00Z")]
    [InlineData("resolution=1m&adjusted=maybe")]
    public async Task Bad_history_queries_are_400_problems(string query)
    {
        var response = await Http.GetAsync($"/api/market/bars/SPY?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_lean_import_of_a_ticker_without_data_is_a_422_and_a_bad_root_a_400()
    {
        var missing = await Http.PostAsJsonAsync("/api/market/import", new { lean = new { root = LeanRoot, symbols = new[] { "zzzz" }, resolution = "daily" } });
        var badRoot = await Http.PostAsJsonAsync("/api/market/import", new { lean = new { root = "/nonexistent", symbols = new[] { "spy" }, resolution = "daily" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRoot.StatusCode);
        Assert.Equal("application/problem+json", badRoot.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertBar(JsonElement bar, string start, string end, string leanLine)
    {
        var f = leanLine.Split(',');
        Assert.Equal(DateTimeOffset.Parse(start), bar.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, bar.GetProperty("start").GetDateTimeOffset().Offset);
        Assert.Equal(DateTimeOffset.Parse(end), bar.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("1d", bar.GetProperty("resolution").GetString());
        Assert.Equal(long.Parse(f[1]) / 10_000m, bar.GetProperty("open").GetDecimal());
        Assert.Equal(long.Parse(f[2]) / 10_000m, bar.GetProperty("high").GetDecimal());
        Assert.Equal(long.Parse(f[3]) / 10_000m, bar.GetProperty("low").GetDecimal());
        Assert.Equal(long.Parse(f[4]) / 10_000m, bar.GetProperty("close").GetDecimal());
        Assert.Equal(long.Parse(f[5]), bar.GetProperty("volume").GetInt64());
    }

    private static List<string> ReadZippedLines(string zip)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.Entries.Single().Open());
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
