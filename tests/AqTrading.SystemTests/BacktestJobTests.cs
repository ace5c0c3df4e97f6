using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.SystemTests;

/// <summary>
/// Backtest jobs through the gateway on LEAN's SPY daily sample, imported into market data: a run end to end, a 12-run
/// sweep shared by the two backtest replicas, a walk-forward verdict, cancel, and the 400/422 answers.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class BacktestJobTests(SystemFixture system, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private HttpClient Http => system.Gateway;

    public async Task InitializeAsync()
    {
        // Idempotent: every test class instance imports the whole SPY daily file (1998–2021); re-imports overwrite.
        var import = await Http.PostAsJsonAsync("/api/market/import", new { lean = new { root = LeanRoot, symbols = new[] { "spy" }, resolution = "daily" } });
        Assert.True(import.IsSuccessStatusCode, $"import answered {(int)import.StatusCode}: {await import.Content.ReadAsStringAsync()}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static object Run(string start, string end, object? parameters = null, string symbol = "SPY") => new
    {
        strategy = "sma_crossover",
        parameters = parameters ?? new { fastWindow = 10, slowWindow = 30 },
        symbols = new[] { symbol },
        start,
        end,
        resolution = "daily",
        capital = 100_000,
        costs = new { feeModel = "per_share", slippageBps = 5 },
        benchmark = "SPY",
        fillModel = "next_bar_open",
        sizing = new { fraction = 0.95 },
    };

    [Fact]
    public async Task A_run_job_completes_with_statistics_curves_trades_and_a_benchmark_matching_the_data()
    {
        var submitted = await Http.PostAsJsonAsync("/api/backtest/runs", Run("2019-01-02", "2020-12-31"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var accepted = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("backtest", accepted.GetProperty("kind").GetString());
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        var id = accepted.GetProperty("id").GetGuid();
        Assert.Equal($"/api/backtest/jobs/{id}", submitted.Headers.Location?.OriginalString);

        var job = await WaitFinalAsync(id);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(1.0, job.GetProperty("progress").GetDouble());
        Assert.False(string.IsNullOrEmpty(job.GetProperty("worker").GetString()));
        var result = job.GetProperty("result");

        // SPY traded 505 days in 2019–2020: one equity point per daily bar, and a drawdown point per equity point.
        var equity = result.GetProperty("equityCurve").EnumerateArray().ToList();
        Assert.Equal(505, equity.Count);
        Assert.Equal(equity.Count, result.GetProperty("drawdown").GetArrayLength());
        Assert.True(result.GetProperty("trades").GetArrayLength() > 0, "an SMA 10/30 crossover trades over two years");
        Assert.Equal(result.GetProperty("fills").GetArrayLength(),
            result.GetProperty("traces").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "filled"));

        // The benchmark is buy-and-hold of SPY's adjusted closes: compare with the closes market data serves.
        var bars = await Http.GetFromJsonAsync<JsonElement>("/api/market/bars/SPY?resolution=1d&from=2019-01-02T05:00:00Z&to=2021-01-01T05:00:00Z&limit=5000&adjusted=true");
        var closes = bars.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("close").GetDouble()).ToList();
        Assert.Equal(505, closes.Count);
        var benchmark = result.GetProperty("benchmark");
        Assert.Equal(closes[^1] / closes[0] - 1, benchmark.GetProperty("totalReturn").GetDouble(), 9);
        Assert.Equal(505, result.GetProperty("benchmarkCurve").GetArrayLength());

        // Drawdown from the equity curve, derived here: the largest (running peak − equity) / peak is the statistic.
        var peak = double.MinValue;
        var maxDrawdown = 0.0;
        foreach (var point in equity)
        {
            var value = point.GetProperty("equity").GetDouble();
            peak = Math.Max(peak, value);
            maxDrawdown = Math.Max(maxDrawdown, (peak - value) / peak);
        }

        Assert.Equal(maxDrawdown, result.GetProperty("statistics").GetProperty("maxDrawdown").GetDouble(), 9);
        Assert.Equal(maxDrawdown, result.GetProperty("drawdown").EnumerateArray().Max(d => d.GetProperty("drawdown").GetDouble()), 9);

        var listed = await Http.GetFromJsonAsync<JsonElement>("/api/backtest/jobs?kind=backtest&status=completed&limit=200");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_sweep_of_twelve_parameter_sets_is_shared_by_both_replicas_and_ranked()
    {
        await WaitForBothReplicasAsync();
        var submitted = await Http.PostAsJsonAsync("/api/backtest/sweeps", new
        {
            @base = Run("2015-01-02", "2020-12-31"),
            grid = new { fastWindow = new[] { 5, 10, 15, 20 }, slowWindow = new[] { 30, 40, 50 } },
            rankBy = "sharpe",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var sweepId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var sweep = await WaitFinalAsync(sweepId);
        Assert.Equal("completed", sweep.GetProperty("status").GetString());
        var result = sweep.GetProperty("result");
        Assert.Equal(12, result.GetProperty("total").GetInt32());
        Assert.Equal(12, result.GetProperty("completed").GetInt32());
        var ranked = result.GetProperty("ranked").EnumerateArray().ToList();
        Assert.Equal(12, ranked.Count);
        Assert.Equal(12, ranked.Select(r => (r.GetProperty("parameters").GetProperty("fastWindow").GetInt32(),
            r.GetProperty("parameters").GetProperty("slowWindow").GetInt32())).Distinct().Count());
        var sharpes = ranked.Select(r => r.GetProperty("metric").GetDouble()).ToList();
        Assert.Equal(sharpes.OrderDescending(), sharpes);
        Assert.Equal(Enumerable.Range(1, 12), ranked.Select(r => r.GetProperty("rank").GetInt32()));

        // Each run is a job of its own; its stored statistics are what the sweep ranked.
        var runs = (await Http.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs?parentId={sweepId}&limit=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(12, runs.Count);
        Assert.All(runs, r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        var workers = runs.Select(r => r.GetProperty("worker").GetString()).Distinct().ToList();
        output.WriteLine($"runs by worker: {result.GetProperty("runsByWorker")}");
        Assert.True(workers.Count == 2, $"both replicas should have taken runs; workers seen: {string.Join(", ", workers)}");
        Assert.Equal(2, result.GetProperty("runsByWorker").EnumerateObject().Count());

        var best = await Http.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs/{ranked[0].GetProperty("jobId").GetGuid()}");
        Assert.Equal(sharpes[0], best.GetProperty("result").GetProperty("statistics").GetProperty("sharpe").GetDouble(), 12);
    }

    [Fact]
    public async Task A_walk_forward_on_spy_gives_a_reasoned_verdict_with_three_windows()
    {
        var submitted = await Http.PostAsJsonAsync("/api/backtest/walk-forwards", new
        {
            @base = Run("2008-01-02", "2020-12-31"),
            grid = new { fastWindow = new[] { 10, 20 }, slowWindow = new[] { 50, 100 } },
            metric = "sharpe",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var accepted = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("walk_forward", accepted.GetProperty("kind").GetString());

        var job = await WaitFinalAsync(accepted.GetProperty("id").GetGuid());
        Assert.True(job.GetProperty("status").GetString() == "completed", $"walk-forward ended {job}");
        var result = job.GetProperty("result");
        output.WriteLine($"accepted {result.GetProperty("accepted")}; reasons {result.GetProperty("reasons")}; best {result.GetProperty("best")}");
        var train = result.GetProperty("train");
        var validation = result.GetProperty("validation");
        var test = result.GetProperty("test");

        // 13 years of trading days split 70/15/15, in order, without gaps.
        var points = new[] { train, validation, test }.Select(w => w.GetProperty("points").GetInt32()).ToArray();
        var total = points.Sum();
        Assert.InRange(total, 3250, 3290);
        Assert.Equal((int)(total * 0.70), points[0]);
        Assert.Equal((int)(total * 0.85) - (int)(total * 0.70), points[1]);
        Assert.True(DateOnly.Parse(train.GetProperty("end").GetString()!) < DateOnly.Parse(validation.GetProperty("start").GetString()!));
        Assert.True(DateOnly.Parse(validation.GetProperty("end").GetString()!) < DateOnly.Parse(test.GetProperty("start").GetString()!));
        foreach (var window in new[] { train, validation, test })
        {
            Assert.Equal(window.GetProperty("metric").GetDouble(), window.GetProperty("metrics").GetProperty("sharpe").GetDouble());
        }

        // The best of the four candidates on the training window is the one carried forward.
        var candidates = result.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(4, candidates.Count);
        Assert.Equal(candidates.Max(c => c.GetProperty("metric").GetDouble()), train.GetProperty("metric").GetDouble());

        // Two numeric parameters × (±10 %, ±20 %), each run on the validation window.
        var stability = result.GetProperty("stability").EnumerateArray().ToList();
        Assert.Equal(8, stability.Count);

        // The verdict follows from the numbers it reports, and the reasons say why.
        double Degradation(double from, double to) => from == 0 ? (to == 0 ? 0 : to < 0 ? 1 : -1) : (from - to) / Math.Abs(from);
        var t = train.GetProperty("metric").GetDouble();
        var v = validation.GetProperty("metric").GetDouble();
        var s = test.GetProperty("metric").GetDouble();
        var stable = stability.All(x => x.GetProperty("withinTolerance").ValueKind != JsonValueKind.False);
        var expected = Degradation(t, v) <= 0.2 && Degradation(v, s) <= 0.2 && stable;
        Assert.Equal(expected, result.GetProperty("accepted").GetBoolean());
        var reasons = result.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.Contains("train → validation", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("validation → test", StringComparison.Ordinal));
        Assert.Equal(!expected, reasons.Any(r => r.Contains("exceeds", StringComparison.Ordinal) || r.StartsWith("Unstable", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cancelled_jobs_stay_cancelled_and_a_finished_job_cannot_be_cancelled()
    {
        // 60 runs fill the queue; the single run submitted after them waits behind them and is cancelled while queued.
        var sweep = await Http.PostAsJsonAsync("/api/backtest/sweeps", new
        {
            @base = Run("2005-01-03", "2020-12-31"),
            grid = new { fastWindow = Enumerable.Range(2, 20).ToArray(), slowWindow = new[] { 40, 60, 80 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, sweep.StatusCode);
        var sweepId = (await sweep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var single = await Http.PostAsJsonAsync("/api/backtest/runs", Run("2005-01-03", "2020-12-31"));
        var singleId = (await single.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var cancelSingle = await Http.PostAsync($"/api/backtest/jobs/{singleId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelSingle.StatusCode);
        Assert.Equal("cancelled", (await cancelSingle.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var cancelSweep = await Http.PostAsync($"/api/backtest/jobs/{sweepId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelSweep.StatusCode);

        // Wait until no run of the sweep is running any more, then nothing cancelled has become anything else.
        var deadline = DateTime.UtcNow + Patience;
        List<JsonElement> runs;
        while (true)
        {
            runs = (await Http.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs?parentId={sweepId}&limit=100")).GetProperty("items").EnumerateArray().ToList();
            if (runs.All(r => r.GetProperty("status").GetString() is "completed" or "cancelled" or "failed"))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the sweep's runs did not settle");
            await Task.Delay(500);
        }

        Assert.Equal(60, runs.Count);
        Assert.Contains(runs, r => r.GetProperty("status").GetString() == "cancelled");
        await Task.Delay(2000); // A worker that was mid-run when the cancel came must not overwrite it.
        var after = (await Http.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs?parentId={sweepId}&limit=100")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("status").GetString());
        Assert.All(runs.Where(r => r.GetProperty("status").GetString() == "cancelled"),
            r => Assert.Equal("cancelled", after[r.GetProperty("id").GetGuid()]));

        var singleJob = await Http.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs/{singleId}");
        Assert.Equal("cancelled", singleJob.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, singleJob.GetProperty("result").ValueKind);
        var sweepJob = await Http.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs/{sweepId}");
        Assert.Equal("cancelled", sweepJob.GetProperty("status").GetString());

        var again = await Http.PostAsync($"/api/backtest/jobs/{singleId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var unknown = await Http.PostAsync($"/api/backtest/jobs/{Guid.NewGuid()}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Progress_is_published_on_redis_from_queued_to_completed()
    {
        var messages = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("redis"))!);
        var subscription = await redis.GetSubscriber().SubscribeAsync(StackExchange.Redis.RedisChannel.Literal("backtest:progress"));
        subscription.OnMessage(m => messages.Enqueue(JsonDocument.Parse(m.Message.ToString()).RootElement.Clone()));

        var submitted = await Http.PostAsJsonAsync("/api/backtest/runs", Run("2010-01-04", "2020-12-31"));
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var job = await WaitFinalAsync(id);
        Assert.Equal("completed", job.GetProperty("status").GetString());

        List<JsonElement> mine = [];
        await Eventually.TrueAsync(() =>
        {
            mine = messages.Where(m => m.GetProperty("id").GetGuid() == id).ToList();
            return Task.FromResult(mine.Any(m => m.GetProperty("status").GetString() == "completed"));
        });
        // "queued" is published by the replica that took the request, the rest by the worker: only the worker's are ordered.
        var statuses = mine.Select(m => m.GetProperty("status").GetString()).ToList();
        Assert.Equal(["completed", "queued", "running"], statuses.Distinct().Order(StringComparer.Ordinal));
        var fromWorker = statuses.Where(x => x != "queued").ToList();
        Assert.Equal("running", fromWorker[0]);
        Assert.Equal("completed", fromWorker[^1]);
        Assert.All(mine, m => Assert.Equal("backtest", m.GetProperty("kind").GetString()));
        var last = mine.Last(m => m.GetProperty("status").GetString() != "queued");
        Assert.Equal(1.0, last.GetProperty("progress").GetDouble());
        Assert.Equal(job.GetProperty("worker").GetString(), last.GetProperty("worker").GetString());
        var progress = mine.Where(m => m.GetProperty("status").GetString() != "queued").Select(m => m.GetProperty("progress").GetDouble()).ToList();
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public async Task Bad_requests_are_400_or_422_naming_the_field()
    {
        await AssertProblemAsync("/api/backtest/runs", new { strategy = "nope", symbols = new[] { "SPY" }, start = "2020-01-02", end = "2020-12-31" },
            HttpStatusCode.BadRequest, "strategy");
        await AssertProblemAsync("/api/backtest/runs", Run("2020-01-02", "2020-12-31", new { fastWindow = 0, slowWindow = 30 }),
            HttpStatusCode.BadRequest, "parameters.fastWindow");
        await AssertProblemAsync("/api/backtest/runs", Run("2020-12-31", "2020-01-02"), HttpStatusCode.BadRequest, "end");
        await AssertProblemAsync("/api/backtest/runs", new { strategy = "sma_crossover", symbols = Array.Empty<string>(), start = "2020-01-02", end = "2020-12-31" },
            HttpStatusCode.BadRequest, "symbols");
        await AssertProblemAsync("/api/backtest/runs", Run("2020-01-02", "2020-12-31", symbol: "NODATA"), HttpStatusCode.UnprocessableEntity, "symbols[0]");
        await AssertProblemAsync("/api/backtest/sweeps", new { @base = Run("2020-01-02", "2020-12-31"), grid = new { fastWindow = new[] { 10, 40 } } },
            HttpStatusCode.BadRequest, "grid.fastWindow");
        await AssertProblemAsync("/api/backtest/sweeps", new { @base = Run("2020-01-02", "2020-12-31"), grid = new { fastWindow = new[] { 10 } }, rankBy = "luck" },
            HttpStatusCode.BadRequest, "rankBy");
        await AssertProblemAsync("/api/backtest/walk-forwards", new { @base = Run("2020-01-02", "2019-12-31") }, HttpStatusCode.BadRequest, "base.end");
    }

    [Fact]
    public async Task A_run_without_enough_warm_up_history_fails_with_a_clear_error()
    {
        // SPY's file starts on 1998-01-02: a 30-bar slow average cannot warm up before 1998-01-05.
        var submitted = await Http.PostAsJsonAsync("/api/backtest/runs", Run("1998-01-05", "1998-12-31"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = await WaitFinalAsync((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("warm-up", job.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The fixture waits for the resource to be healthy, which one replica satisfies; a sweep should find both consuming.</summary>
    private async Task WaitForBothReplicasAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var healthy = new Dictionary<string, bool>();
        await foreach (var e in system.App.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (e.Resource.Name == "backtest")
            {
                healthy[e.ResourceId] = e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
                if (healthy.Count(h => h.Value) >= 2)
                {
                    return;
                }
            }
        }
    }

    private async Task AssertProblemAsync(string path, object body, HttpStatusCode status, string field)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path} answered {(int)response.StatusCode}, expected {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}': {text}");
    }

    private async Task<JsonElement> WaitFinalAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await Http.GetFromJsonAsync<JsonElement>($"/api/backtest/jobs/{id}");
            if (job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {id} not finished within {Patience}: {job}");
            await Task.Delay(250);
        }
    }

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

            throw new DirectoryNotFoundException($"shared/data/lean was not found above {AppContext.BaseDirectory}.");
        }
    }
}
