using System.Text.Json;
using System.Text.Json.Nodes;
using AqTrading.Agents.Abstractions.Tools;

namespace AqTrading.AgentWorker.Roles;

/// <summary>
/// Momentum sentiment and event tags. For each symbol the sentiment is tanh(20 × momentum), momentum being the return
/// over the lookback: a 5 % rise scores 0.76, a 5 % fall −0.76, flat 0 — always inside [−1, 1]. It is written to
/// <c>sentiment:{SYMBOL}</c> (TTL 1 h unless <c>ttlSeconds</c>). A last return beyond 3 standard deviations of the
/// earlier ones is tagged as a <c>price_shock</c> event, and tags given in <c>context.events</c>
/// (<c>[{type: "FOMC", ...}]</c>, the seed's FOMC/NFP/EARNINGS/FDA) are written to <c>events:{type}</c> (TTL 24 h).
/// Context: <c>symbols</c> (default [SPY]), <c>resolution</c> (1d), <c>lookback</c> (20).
/// </summary>
internal static class Analyst
{
    /// <summary>Sensitivity of the score to momentum: tanh(20 × 5 %) ≈ 0.76.</summary>
    private const double Sensitivity = 20;

    public static async Task<AgentOutcome> RunAsync(string task, JsonObject context, ToolClient tools)
    {
        var symbols = context["symbols"] is JsonArray array
            ? array.Select(s => s?.GetValue<string>().ToUpperInvariant() ?? "").Where(s => s.Length > 0).Distinct().ToList()
            : ["SPY"];
        if (symbols.Count is 0 or > 50)
        {
            throw new ArgumentException("context.symbols must name between 1 and 50 symbols.");
        }

        var resolution = context.String("resolution", "1d");
        var lookback = context.Int("lookback", 20, 2, 500);
        double? ttl = context["ttlSeconds"] is JsonValue t && t.TryGetValue<double>(out var seconds) ? seconds : null;

        var scores = new JsonArray();
        var shocks = new JsonArray();
        var problems = new JsonArray();
        foreach (var symbol in symbols)
        {
            var bars = await tools.CallAsync(ToolNames.MarketBars, new { symbol, resolution, last = lookback + 1 });
            if (!bars.Ok)
            {
                problems.Add($"{symbol}: {bars.Error}");
                continue;
            }

            var closes = bars.Result.GetProperty("bars").EnumerateArray().Select(b => b.Double("close") ?? double.NaN)
                .Where(double.IsFinite).ToList();
            if (closes.Count < 2 || closes[0] <= 0)
            {
                problems.Add($"{symbol}: {closes.Count} bars, too few for momentum");
                continue;
            }

            var momentum = closes[^1] / closes[0] - 1;
            var sentiment = Math.Round(Math.Tanh(Sensitivity * momentum), 6);
            var write = await tools.CallAsync(ToolNames.RedisWrite, new { key = $"sentiment:{symbol}", value = sentiment, ttlSeconds = ttl });
            scores.Add(new JsonObject
            {
                ["symbol"] = symbol, ["bars"] = closes.Count, ["momentum"] = Math.Round(momentum, 6), ["sentiment"] = sentiment,
                ["written"] = write.Ok, ["error"] = write.Error,
            });

            if (Shock(closes) is { } z)
            {
                shocks.Add(new JsonObject { ["symbol"] = symbol, ["lastReturn"] = Math.Round(closes[^1] / closes[^2] - 1, 6), ["zScore"] = Math.Round(z, 3) });
            }
        }

        var events = new JsonArray();
        if (shocks.Count > 0)
        {
            events.Add(await TagAsync(tools, "price_shock", new JsonObject { ["symbols"] = shocks, ["resolution"] = resolution }));
        }

        foreach (var tag in context["events"] as JsonArray ?? [])
        {
            if (tag is JsonObject tagObject && tagObject["type"] is JsonValue type && type.TryGetValue<string>(out var name))
            {
                events.Add(await TagAsync(tools, name, tagObject.DeepClone().AsObject()));
            }
        }

        var result = new JsonObject { ["sentiments"] = scores, ["events"] = events, ["problems"] = problems };
        var written = scores.Count(s => s!["written"]!.GetValue<bool>());
        return new AgentOutcome(written > 0 || symbols.Count == problems.Count && events.Count > 0, result,
            $"Sentiment written for {written} of {symbols.Count} symbols; {events.Count} event tags.",
            written == 0 ? "No sentiment could be scored." : null);
    }

    /// <summary>The z-score of the last return against the earlier ones, when beyond 3 (and there are at least 3 earlier).</summary>
    private static double? Shock(IReadOnlyList<double> closes)
    {
        if (closes.Count < 5)
        {
            return null;
        }

        var returns = closes.Zip(closes.Skip(1), (a, b) => b / a - 1).ToList();
        var earlier = returns.Take(returns.Count - 1).ToList();
        var mean = earlier.Average();
        var sd = Math.Sqrt(earlier.Sum(r => (r - mean) * (r - mean)) / (earlier.Count - 1));
        var z = sd > 0 ? (returns[^1] - mean) / sd : 0;
        return Math.Abs(z) > 3 ? z : null;
    }

    private static async Task<JsonObject> TagAsync(ToolClient tools, string type, JsonObject tag)
    {
        tag["type"] = type;
        var write = await tools.CallAsync(ToolNames.RedisWrite, new { key = $"events:{type}", value = JsonSerializer.SerializeToElement(tag) });
        return new JsonObject { ["key"] = $"events:{type}", ["written"] = write.Ok, ["error"] = write.Error };
    }
}
