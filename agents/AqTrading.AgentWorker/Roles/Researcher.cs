using System.Text.Json;
using System.Text.Json.Nodes;
using AqTrading.Agents.Abstractions.Tools;

namespace AqTrading.AgentWorker.Roles;

/// <summary>
/// Walk-forward validation of parameter candidates through the backtest service. Each candidate (a set of parameter
/// values) runs as its own walk-forward job (train/validation/test with the service's degradation and ±10 %/±20 %
/// stability checks); a candidate survives when the job accepts it and every perturbation stays within tolerance.
/// Context: <c>base</c> (a backtest run body: strategy, symbols, start, end, …), <c>candidates</c>
/// (<c>[{param: value}]</c>, 1–10), <c>metric</c> (default sharpe).
/// </summary>
internal static class Researcher
{
    public static async Task<AgentOutcome> RunAsync(string task, JsonObject context, ToolClient tools)
    {
        if (context["base"] is not JsonObject runBody)
        {
            throw new ArgumentException("context.base must be a backtest run body (strategy, symbols, start, end, …).");
        }

        if (context["candidates"] is not JsonArray { Count: >= 1 and <= 10 } candidates || candidates.Any(c => c is not JsonObject))
        {
            throw new ArgumentException("context.candidates must be a list of 1 to 10 parameter sets ({name: value}).");
        }

        var metric = context.String("metric", "sharpe");
        var reports = new JsonArray();
        foreach (var candidate in candidates.Cast<JsonObject>())
        {
            var grid = new JsonObject();
            foreach (var (name, value) in candidate)
            {
                grid[name] = new JsonArray(value?.DeepClone());
            }

            var answer = await tools.CallAsync(ToolNames.BacktestWalkForward, new
            {
                @base = JsonSerializer.SerializeToElement(runBody), grid = JsonSerializer.SerializeToElement(grid), metric,
            });
            reports.Add(Report(candidate, answer, metric));
        }

        var survivors = new JsonArray(reports.Where(r => r!["survived"]!.GetValue<bool>()).Select(r => r!["parameters"]!.DeepClone()).ToArray());
        return new AgentOutcome(true, new JsonObject { ["metric"] = metric, ["candidates"] = reports, ["survivors"] = survivors },
            $"{survivors.Count} of {reports.Count} parameter candidates survived walk-forward validation on {metric}.");
    }

    private static JsonObject Report(JsonObject candidate, ToolAnswer answer, string metric)
    {
        var report = new JsonObject { ["parameters"] = candidate.DeepClone() };
        if (!answer.Ok)
        {
            report["survived"] = false;
            report["reasons"] = new JsonArray(answer.Error);
            return report;
        }

        var job = answer.Result;
        report["jobId"] = job.Str("id");
        report["status"] = job.Str("status");
        if (job.Str("status") != "completed" || !job.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            report["survived"] = false;
            report["reasons"] = new JsonArray($"walk-forward job {job.Str("status") ?? "unknown"}: {job.Str("error")}");
            return report;
        }

        var accepted = result.TryGetProperty("accepted", out var a) && a.ValueKind == JsonValueKind.True;
        var unstable = result.TryGetProperty("stability", out var stability) && stability.ValueKind == JsonValueKind.Array
            ? stability.EnumerateArray().Where(s => s.TryGetProperty("withinTolerance", out var w) && w.ValueKind == JsonValueKind.False)
                .Select(s => s.Str("perturbation") ?? "?").ToList()
            : [];
        var reasons = new JsonArray();
        foreach (var reason in result.TryGetProperty("reasons", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            reasons.Add(reason.Node());
        }

        foreach (var label in unstable)
        {
            reasons.Add($"unstable under {label}");
        }

        report["survived"] = accepted && unstable.Count == 0;
        report["reasons"] = reasons;
        foreach (var split in new[] { "train", "validation", "test" })
        {
            report[split] = result.TryGetProperty(split, out var metrics) ? metrics.Double(metric) : null;
        }

        return report;
    }
}
