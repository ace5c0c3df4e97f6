using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AqTrading.LoadDriver;

// Orders per second and latency of POST /api/orders through the gateway, on the whole system. Usage:
//   dotnet run -c Release --project bench/AqTrading.LoadDriver -- [--orders 5000] [--concurrency 16] [--warmup 200]
//     [--service-log-level Warning]
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.ListOnly || !options.Run)
{
    Console.WriteLine(options.ListOnly ? LoadOptions.Name : $"{LoadOptions.Name}: not selected by --filter, skipped.");
    return 0;
}

const string Symbol = "BENCH";
using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var ct = overall.Token;
var clock = Stopwatch.StartNew();

Console.WriteLine($"Starting the system (local infrastructure; {Environment.ProcessorCount} cores; service log level "
    + $"{options.ServiceLogLevel ?? "as configured"})...");
await using var system = new TradingSystem();
try
{
    using (var startup = CancellationTokenSource.CreateLinkedTokenSource(ct))
    {
        startup.CancelAfter(TimeSpan.FromMinutes(5));
        await system.StartAsync(options.ServiceLogLevel, startup.Token);
    }

    Console.WriteLine($"System healthy after {clock.Elapsed.TotalSeconds:N0} s.");
    var gateway = system.Endpoint("gateway");
    var orders = system.Endpoint("orders");

    // One client for everything, one connection per worker.
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    // Every request is authenticated, as a user's would be (the same token works directly against orders).
    http.DefaultRequestHeaders.Authorization = new("Bearer", await system.SignInAsync(ct));

    await PrepareAsync(http, gateway, ct);

    // Every order is the same: a market buy of one $1 share, so neither limits nor buying power ($100,000) run out.
    var order = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        accountId = "paper", strategyId = "load", symbol = Symbol, side = "buy", type = "market", timeInForce = "day", quantity = 1,
    }));

    Func<CancellationToken, Task<string>> SubmitTo(Uri service) => async token =>
    {
        using var content = new ByteArrayContent(order);
        content.Headers.ContentType = new("application/json");
        using var response = await http.PostAsync(new Uri(service, "/api/orders"), content, token);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return $"http_{(int)response.StatusCode}";
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(token);
        return body.GetProperty("status").GetString() == "rejected"
            ? $"rejected:{body.GetProperty("rejectCode").GetString()}"
            : "accepted";
    };

    // Each order phase waits until the portfolio has booked every fill before the next starts, so that no phase pays
    // for the previous one's backlog (fills, bookings and risk refreshes run after the submit has answered), and says
    // how long that took: the asynchronous half of the pipeline keeps up only if it is short.
    var accepted = 0;
    async Task<LoadResult> OrdersAsync(string phase, int count, int concurrency, Uri target)
    {
        var result = await LoadRun.RunAsync(phase, count, concurrency, SubmitTo(target), ct);
        accepted += result.Outcomes.GetValueOrDefault("accepted");
        return Report(result with { BookedAfter = await BookedAsync(http, gateway, accepted, ct) });
    }

    if (options.Warmup > 0)
    {
        await OrdersAsync("warm-up (not counted)", options.Warmup, options.Concurrency, gateway);
    }

    var cpuBefore = ProcessCpu.Snapshot();
    var main = await OrdersAsync("POST /api/orders via gateway", options.Orders, options.Concurrency, gateway);
    var cpuAfter = ProcessCpu.Snapshot();
    var results = new List<LoadResult>
    {
        main,
        // One order at a time on the now warm system (its JIT has settled): latency without queueing.
        await OrdersAsync("POST /api/orders via gateway", Math.Max(options.Orders / 25, 50), 1, gateway),
    };

    // Where the time goes: the same orders without the gateway hop; and the ceiling of anything through the gateway on
    // this machine — the cheapest request it proxies (risk's bias in force: authenticated at the gateway and at risk,
    // proxied, answered from memory), the trading state (the same with one database read), and the gateway's own
    // liveness probe (neither authenticated nor proxied), each long enough for a steady rate.
    var probe = Math.Max(options.Orders / 5, 100);
    results.Add(await OrdersAsync("POST /api/orders direct to orders", probe, options.Concurrency, orders));
    Func<CancellationToken, Task<string>> Get(string path) => async token =>
    {
        using var response = await http.GetAsync(new Uri(gateway, path), token);
        await response.Content.ReadAsByteArrayAsync(token);
        return response.IsSuccessStatusCode ? "ok" : $"http_{(int)response.StatusCode}";
    };

    var ceiling = Math.Max(options.Orders, 1_000);
    results.Add(Report(await LoadRun.RunAsync("GET /api/risk/bias via gateway", ceiling, options.Concurrency, Get("/api/risk/bias"), ct)));
    results.Add(Report(await LoadRun.RunAsync("GET /api/risk/state via gateway", ceiling, options.Concurrency, Get("/api/risk/state"), ct)));
    results.Add(Report(await LoadRun.RunAsync("GET /alive of the gateway itself", ceiling, options.Concurrency, Get("/alive"), ct)));

    PrintTable(results);
    ProcessCpu.Print($"{main.Phase}, {main.Requests} orders at concurrency {main.Concurrency}", cpuBefore, cpuAfter,
        main.Outcomes.GetValueOrDefault("accepted"));
    return 0;
}
catch (OperationCanceledException) when (overall.IsCancellationRequested)
{
    Console.Error.WriteLine($"Timed out after {clock.Elapsed.TotalMinutes:N1} minutes (the limit is 10).");
    return 1;
}
finally
{
    Console.WriteLine("Stopping the system...");
}

// Waits (at most 2 minutes) until the portfolio's position in the symbol — one share per accepted buy — reaches the
// number of orders accepted so far; null when it does not.
static async Task<TimeSpan?> BookedAsync(HttpClient http, Uri gateway, int expected, CancellationToken ct)
{
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < TimeSpan.FromMinutes(2))
    {
        var positions = await http.GetFromJsonAsync<JsonElement>(new Uri(gateway, "/api/portfolio/accounts/paper/positions?strategyId=load"), ct);
        var booked = positions.EnumerateArray().Where(p => p.GetProperty("symbol").GetString() == Symbol)
            .Sum(p => p.GetProperty("quantity").GetDecimal());
        if (booked >= expected)
        {
            return waited.Elapsed;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
    }

    Console.Error.WriteLine($"Not every fill was booked 2 minutes after the last submit ({expected} expected).");
    return null;
}

// A cheap quote, trading running, and limits raised far enough that only a real fault can reject these orders.
static async Task PrepareAsync(HttpClient http, Uri gateway, CancellationToken ct)
{
    var state = await http.GetFromJsonAsync<JsonElement>(new Uri(gateway, "/api/risk/state"), ct);
    if (state.GetProperty("state").GetString() != "running")
    {
        throw new InvalidOperationException($"Trading is {state.GetProperty("state")} in a fresh system.");
    }

    (await http.PutAsJsonAsync(new Uri(gateway, $"/api/market/quotes/{Symbol}"), new { bid = 0.99m, ask = 1.00m }, ct)).EnsureSuccessStatusCode();

    var limits = (await http.GetFromJsonAsync<JsonObject>(new Uri(gateway, "/api/risk/limits/paper"), ct))!["limits"]!.AsObject();
    limits["maxPositionValue"] = 1_000_000_000m;
    limits["maxPositionPct"] = 100m;
    limits["maxQuantityPerOrder"] = 1_000_000m;
    limits["maxPositions"] = 1_000;
    limits["maxExposurePct"] = 1_000m;
    using var put = await http.PutAsJsonAsync(new Uri(gateway, "/api/risk/limits/paper"), limits, ct);
    if (!put.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Raising the limits failed: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync(ct)}");
    }
}

static LoadResult Report(LoadResult r)
{
    var booked = r.BookedAfter is { } after ? $"; all fills booked {after.TotalSeconds:N1} s after the last answer" : "";
    Console.WriteLine($"{DateTime.Now:HH:mm:ss} {r.Phase}: {r.Requests} requests at concurrency {r.Concurrency} "
        + $"in {r.Elapsed.TotalSeconds:N2} s = {r.PerSecond:N0}/s; p50 {r.Ms(50):N2} ms, p90 {r.Ms(90):N2} ms, "
        + $"p99 {r.Ms(99):N2} ms, max {r.Ms(100):N2} ms; {r.OutcomeSummary}{booked}");
    return r;
}

static void PrintTable(IEnumerable<LoadResult> results)
{
    Console.WriteLine();
    Console.WriteLine("| Phase | Requests | Concurrency | Req/s | p50 ms | p90 ms | p99 ms | max ms | Outcomes | Fills booked after |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    foreach (var r in results)
    {
        var booked = r.BookedAfter is { } after ? $"{after.TotalSeconds:N1} s" : "–";
        Console.WriteLine($"| {r.Phase} | {r.Requests} | {r.Concurrency} | {r.PerSecond:N0} | {r.Ms(50):N2} | {r.Ms(90):N2} | "
            + $"{r.Ms(99):N2} | {r.Ms(100):N2} | {r.OutcomeSummary} | {booked} |");
    }
}
