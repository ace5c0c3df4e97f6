using System.Text.Json.Nodes;
using AqTrading.Agents.Abstractions.Tools;

namespace AqTrading.AgentWorker.Roles;

/// <summary>
/// Summarises the open reconciliation discrepancies: how many, by severity and by symbol, the oldest, and the most
/// severe first. Context: <c>severity</c> to narrow the list.
/// </summary>
internal static class Ops
{
    private static readonly string[] SeverityOrder = ["critical", "high", "medium", "low"];

    public static async Task<AgentOutcome> RunAsync(string task, JsonObject context, ToolClient tools)
    {
        var severity = context.String("severity", "");
        var answer = (await tools.CallAsync(ToolNames.ReconciliationDiscrepancies,
            severity.Length > 0 ? new { status = "open", severity } : (object)new { status = "open" })).Value;
        var open = answer.Items().ToList();

        var bySeverity = new JsonObject();
        foreach (var group in open.GroupBy(d => d.Str("severity") ?? "unknown").OrderBy(g => Rank(g.Key)))
        {
            bySeverity[group.Key] = group.Count();
        }

        var bySymbol = new JsonObject();
        foreach (var group in open.GroupBy(d => d.Str("symbol") ?? "-").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            bySymbol[group.Key] = group.Count();
        }

        var worst = open.OrderBy(d => Rank(d.Str("severity"))).Take(10).Select(d => d.Node()).ToArray();
        var oldest = open.Select(d => d.Str("detectedAt") ?? d.Str("createdAt")).Where(t => t is not null).Order(StringComparer.Ordinal).FirstOrDefault();
        var summary = open.Count == 0
            ? "No open reconciliation discrepancies."
            : $"{open.Count} open discrepancies ({string.Join(", ", bySeverity.Select(p => $"{p.Value} {p.Key}"))}) across {bySymbol.Count} symbols.";
        return new AgentOutcome(true, new JsonObject
        {
            ["open"] = open.Count, ["bySeverity"] = bySeverity, ["bySymbol"] = bySymbol, ["oldest"] = oldest, ["mostSevere"] = new JsonArray(worst),
        }, summary);
    }

    private static int Rank(string? severity) => Array.IndexOf(SeverityOrder, severity?.ToLowerInvariant()) is var i and >= 0 ? i : SeverityOrder.Length;
}
