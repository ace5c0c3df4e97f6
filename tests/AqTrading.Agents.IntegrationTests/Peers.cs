using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.Agents.IntegrationTests;

/// <summary>
/// The services the tools call (portfolio, market data, backtest, reconciliation) as the dispatcher sees them over
/// HTTP: answers from what a test put in, and records every request with its Authorization header.
/// </summary>
public sealed class Peers : HttpMessageHandler
{
    public ConcurrentDictionary<string, object> Accounts { get; } = new();

    public ConcurrentDictionary<string, List<double>> Closes { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<object> Discrepancies { get; } = [];

    /// <summary>Walk-forward answer by the candidate's grid (its JSON): accepted and stability flags.</summary>
    public Func<JsonElement, (bool Accepted, bool Stable)> WalkForward { get; set; } = _ => (true, true);

    public ConcurrentQueue<(HttpMethod Method, string Path, string? Authorization)> Requests { get; } = new();

    private readonly ConcurrentDictionary<string, (JsonElement Request, int Polls)> _jobs = new();

    protected override void Dispose(bool disposing)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        Requests.Enqueue((request.Method, path + request.RequestUri.Query, request.Headers.Authorization?.ToString()));
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        switch (segments)
        {
            case ["api", "portfolio", "accounts", var id] when Accounts.TryGetValue(id, out var account):
                return Json(account);
            case ["api", "portfolio", "accounts", var id, "positions"] when Accounts.ContainsKey(id):
                return Json(Array.Empty<object>());
            case ["api", "market", "bars", var symbol] when Closes.TryGetValue(symbol, out var closes):
                var last = int.Parse(query["last"] ?? "100");
                var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var bars = closes.Select((c, i) => new
                {
                    symbol, resolution = query["resolution"], start = start.AddDays(i), end = start.AddDays(i + 1),
                    open = c, high = c, low = c, close = c, volume = 1000,
                }).TakeLast(last).ToList();
                return Json(new { items = bars, nextCursor = (string?)null });
            case ["api", "reconciliation", "discrepancies"] when query["status"] == "open":
                return Json(Discrepancies);
            case ["api", "backtest", "walk-forwards"] when request.Method == HttpMethod.Post:
                var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
                var jobId = Guid.NewGuid().ToString();
                _jobs[jobId] = (body, 0);
                return Json(new { id = jobId, kind = "walk_forward", status = "queued" }, HttpStatusCode.Accepted);
            case ["api", "backtest", "jobs", var job] when _jobs.TryGetValue(job, out var state):
                _jobs[job] = (state.Request, state.Polls + 1);
                if (state.Polls == 0)
                {
                    return Json(new { id = job, kind = "walk_forward", status = "running", progress = 0.5 });
                }

                var (accepted, stable) = WalkForward(state.Request.GetProperty("grid"));
                return Json(new
                {
                    id = job, kind = "walk_forward", status = "completed", progress = 1.0,
                    result = new
                    {
                        accepted, reasons = accepted ? Array.Empty<string>() : ["validation sharpe degraded 35% (> 20%)"],
                        best = new { parameters = state.Request.GetProperty("grid") },
                        train = new { sharpe = 1.5 }, validation = new { sharpe = accepted ? 1.4 : 0.9 }, test = new { sharpe = 1.3 },
                        stability = new[] { new { perturbation = "+10%", metric = 1.3, withinTolerance = true }, new { perturbation = "-20%", metric = 0.2, withinTolerance = stable } },
                    },
                });
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = JsonContent.Create(new { title = "Not found", detail = path }) };
        }
    }

    private static HttpResponseMessage Json(object value, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(value) };
}
