using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.SystemTests;
using Microsoft.Playwright;

namespace AqTrading.BrowserTests;

/// <summary>
/// The Backtest page against the running system: a run submitted from the form on LEAN's AAPL and SPY daily bars
/// (imported through the market-data API) runs on a backtest worker to its charts and statistics, which are the job's;
/// bad input shows the service's ProblemDetails.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class BacktestUiTests(SystemFixture system) : IAsyncLifetime
{
    private readonly Browser _browser = new(system);

    public async Task InitializeAsync()
    {
        await _browser.StartAsync();
        // Idempotent (bars upsert): the system tests import the same files.
        var import = await system.Gateway.PostAsJsonAsync("/api/market/import",
            new { lean = new { root = LeanRoot, symbols = new[] { "spy", "aapl" }, resolution = "daily" } });
        Assert.True(import.IsSuccessStatusCode, $"import answered {(int)import.StatusCode}: {await import.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_backtest_from_the_form_runs_to_its_equity_chart_and_statistics()
    {
        var page = await _browser.SignedInPageAsync("trader");
        await Browser.NavigateAsync(page, "Backtest");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Backtest" });
        await Assertions.Expect(form.GetByLabel("Strategy")).ToHaveValueAsync("sma_crossover");
        await form.GetByLabel("Symbols").FillAsync("AAPL");
        await form.GetByLabel("Start").FillAsync("2019-01-02");
        await form.GetByLabel("End").FillAsync("2020-12-31");
        await form.GetByLabel("Benchmark").FillAsync("SPY");
        await form.GetByLabel("Hold a fraction of equity per signal (optional)").FillAsync("0.95");
        var id = await SubmitAsync(page, "/api/backtest/runs");

        // The page opens the job it submitted (the list already holds other tests' jobs).
        var detail = page.Locator($"[data-testid=job-detail][data-job='{id}']");
        await Assertions.Expect(detail.GetByTestId("job-status")).ToContainTextAsync("completed", new() { Timeout = 180_000 });
        await Assertions.Expect(page.GetByTestId($"job-{id}")).ToHaveAttributeAsync("data-status", "completed");

        // The figures on screen are the job's result, as the API serves it.
        var job = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs/{id}");
        var request = job.GetProperty("request");
        Assert.Equal("AAPL", request.GetProperty("symbols")[0].GetString());
        Assert.Equal(0.95m, request.GetProperty("sizing").GetProperty("fraction").GetDecimal());
        var result = job.GetProperty("result");
        var statistics = result.GetProperty("statistics");
        var benchmark = result.GetProperty("benchmark");
        await Assertions.Expect(page.GetByTestId("stat-totalReturn")).ToContainTextAsync(Percent(statistics.GetProperty("totalReturn").GetDouble()));
        await Assertions.Expect(page.GetByTestId("stat-totalReturn")).ToContainTextAsync($"bench {Percent(benchmark.GetProperty("totalReturn").GetDouble())}");
        await Assertions.Expect(page.GetByTestId("stat-sharpe")).ToContainTextAsync(statistics.GetProperty("sharpe").GetDouble().ToString("0.00", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("stat-maxDrawdown")).ToContainTextAsync(Percent(-statistics.GetProperty("maxDrawdown").GetDouble()));
        await Assertions.Expect(page.GetByTestId("stat-trades")).ToContainTextAsync(statistics.GetProperty("trades").GetInt32().ToString(CultureInfo.InvariantCulture));
        var finalEquity = result.GetProperty("summary").GetProperty("finalEquity").GetDecimal();
        await Assertions.Expect(page.GetByTestId("final-equity")).ToHaveTextAsync(finalEquity.ToString("C2", CultureInfo.GetCultureInfo("en-US")));

        // Two lines (strategy and SPY) on the equity chart, the drawdown area below it; trades and traces with slippage.
        await Assertions.Expect(page.Locator("[data-testid=equity-chart] .recharts-line")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=drawdown-chart] .recharts-area")).ToHaveCountAsync(1);
        var trades = result.GetProperty("trades").GetArrayLength();
        Assert.True(trades > 0, "an SMA 10/30 crossover trades over two years");
        await Assertions.Expect(page.Locator("[data-testid=trades] tbody tr")).ToHaveCountAsync(Math.Min(trades, 100));
        await Assertions.Expect(page.GetByTestId("trace").First).ToContainTextAsync("bps");
        await Browser.ScreenshotAsync(page, "backtest");
    }

    [Fact]
    public async Task Bad_input_shows_the_problem_the_service_answers()
    {
        var page = await _browser.SignedInPageAsync("trader");
        await Browser.NavigateAsync(page, "Backtest");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Backtest" });
        await Assertions.Expect(form.GetByLabel("Strategy")).ToHaveValueAsync("sma_crossover");
        await form.GetByLabel("Symbols").FillAsync("AAPL");
        await form.GetByLabel("Start").FillAsync("2020-01-02");
        await form.GetByLabel("End").FillAsync("2020-06-30");

        // The strategy catalog refuses a zero window: 400 naming parameters.fastWindow.
        await form.GetByLabel("parameters value 1", new() { Exact = true }).FillAsync("0");
        await page.GetByTestId("backtest-submit").ClickAsync();
        var problem = page.GetByTestId("backtest-problem");
        await Assertions.Expect(problem).ToContainTextAsync("parameters.fastWindow");
        await Assertions.Expect(page.GetByTestId("error-parameters")).ToBeVisibleAsync();

        // No bars of the symbol: 422 naming symbols[0].
        await form.GetByLabel("parameters value 1", new() { Exact = true }).FillAsync("10");
        await form.GetByLabel("Symbols").FillAsync("NOBARSUI");
        await page.GetByTestId("backtest-submit").ClickAsync();
        await Assertions.Expect(problem).ToContainTextAsync("No data for the request");
        await Assertions.Expect(problem).ToContainTextAsync("symbols[0]");
        await Assertions.Expect(page.GetByTestId("error-symbols")).ToContainTextAsync("NOBARSUI");
        await Browser.ScreenshotAsync(page, "backtest-bad-input");
    }

    [Fact]
    public async Task A_sweep_and_a_walk_forward_from_the_form_show_their_ranking_and_verdict()
    {
        var page = await _browser.SignedInPageAsync("trader");
        await Browser.NavigateAsync(page, "Backtest");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Backtest" });
        await Assertions.Expect(form.GetByLabel("Strategy")).ToHaveValueAsync("sma_crossover");
        await form.GetByRole(AriaRole.Button, new() { Name = "Sweep", Exact = true }).ClickAsync();
        await form.GetByLabel("Symbols").FillAsync("AAPL");
        await form.GetByLabel("Start").FillAsync("2019-01-02");
        await form.GetByLabel("End").FillAsync("2020-12-31");
        await form.GetByLabel("grid name 1", new() { Exact = true }).FillAsync("fastWindow");
        await form.GetByLabel("grid value 1", new() { Exact = true }).FillAsync("5, 10");
        await form.GetByLabel("grid name 2", new() { Exact = true }).FillAsync("slowWindow");
        await form.GetByLabel("grid value 2", new() { Exact = true }).FillAsync("30, 40");
        await Assertions.Expect(page.GetByTestId("backtest-submit")).ToHaveTextAsync("Run sweep (4 runs)");
        var sweepId = await SubmitAsync(page, "/api/backtest/sweeps");

        // The sweep is collected once its four runs (shared by the backtest replicas) are final.
        var detail = page.Locator($"[data-testid=job-detail][data-job='{sweepId}']");
        await Assertions.Expect(detail.GetByTestId("job-status")).ToContainTextAsync("completed", new() { Timeout = 180_000 });
        var sweep = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs/{sweepId}");
        Assert.Equal("sweep", sweep.GetProperty("kind").GetString());
        var best = sweep.GetProperty("result").GetProperty("ranked")[0];
        await Assertions.Expect(page.Locator("[data-testid=sweep-ranking] tbody tr")).ToHaveCountAsync(4);
        var first = page.GetByTestId("ranked-1");
        foreach (var parameter in best.GetProperty("parameters").EnumerateObject().Where(p => p.Name is "fastWindow" or "slowWindow"))
        {
            await Assertions.Expect(first).ToContainTextAsync($"{parameter.Name}={parameter.Value.GetRawText()}");
        }

        await Assertions.Expect(first).ToContainTextAsync(best.GetProperty("metric").GetDouble().ToString("0.00", CultureInfo.InvariantCulture));
        await Browser.ScreenshotAsync(page, "backtest-sweep");

        // The same settings and grid as a walk-forward: optimise on 70 %, judge on 15 % + 15 %.
        await form.GetByRole(AriaRole.Button, new() { Name = "Walk-forward", Exact = true }).ClickAsync();
        var walkForwardId = await SubmitAsync(page, "/api/backtest/walk-forwards");
        var wfDetail = page.Locator($"[data-testid=job-detail][data-job='{walkForwardId}']");
        await Assertions.Expect(wfDetail.GetByTestId("walk-forward-verdict")).ToBeVisibleAsync(new() { Timeout = 180_000 });
        var walkForward = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs/{walkForwardId}");
        Assert.Equal("walk_forward", walkForward.GetProperty("kind").GetString());
        var verdict = walkForward.GetProperty("result");
        await Assertions.Expect(page.GetByTestId("walk-forward-verdict")).ToContainTextAsync(verdict.GetProperty("accepted").GetBoolean() ? "Accepted" : "Rejected");
        await Assertions.Expect(page.GetByTestId("window-test")).ToContainTextAsync(verdict.GetProperty("test").GetProperty("end").GetString()!);
        await Assertions.Expect(page.Locator("[data-testid=candidates] tbody tr")).ToHaveCountAsync(4);
        await Browser.ScreenshotAsync(page, "backtest-walk-forward");
    }

    /// <summary>Clicks the form's submit and returns the id of the job the service accepted (202).</summary>
    private static async Task<string> SubmitAsync(IPage page, string path)
    {
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("backtest-submit").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith(path, StringComparison.Ordinal));
        Assert.True(response.Status == 202, $"{path} answered {response.Status}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value.GetProperty("id").GetString()!;
    }

    /// <summary>As the page writes a signed percentage: "+18.34%", "-19.32%".</summary>
    private static string Percent(double fraction) =>
        (fraction > 0 ? "+" : "") + (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string LeanRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "data", "lean");
                if (Directory.Exists(Path.Combine(candidate, "equity", "usa")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("shared/data/lean not found above the test assembly.");
        }
    }
}
