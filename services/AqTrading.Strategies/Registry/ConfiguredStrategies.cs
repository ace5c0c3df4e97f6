using System.Text.Json;
using System.Text.Json.Nodes;

namespace AqTrading.Strategies.Registry;

/// <summary>A strategy definition from configuration (<c>Strategies:Definitions</c>) or the demo.</summary>
public sealed record ConfiguredStrategy(string Id, string Kind, string AccountId, IReadOnlyList<string> Symbols, JsonElement Parameters,
    string Resolution, bool Enabled);

/// <summary>
/// Reads <c>Strategies:Definitions</c>; with none configured and <c>Demo:Enabled</c> true, the demo strategy. Configuration
/// values are strings, so parameters are turned back into JSON numbers and booleans where they read as such.
/// </summary>
public static class ConfiguredStrategies
{
    public const string DemoId = "demo-sma";

    public const string DemoMomentumId = "demo-momentum";

    public static IReadOnlyList<ConfiguredStrategy> Read(IConfiguration configuration)
    {
        var definitions = configuration.GetSection("Strategies:Definitions").GetChildren()
            .Select(section => new ConfiguredStrategy(
                section["Id"] ?? section.Key,
                section["Kind"] ?? "",
                section["AccountId"] ?? "paper",
                section.GetSection("Symbols").GetChildren().Select(s => s.Value ?? "").ToList(),
                JsonSerializer.SerializeToElement(ToJson(section.GetSection("Parameters")) ?? new JsonObject()),
                section["Resolution"] ?? "1m",
                section.GetValue("Enabled", true)))
            .ToList();
        if (definitions.Count == 0 && configuration.GetValue("Demo:Enabled", false))
        {
            // A small SMA crossover and a quick momentum strategy on the symbols the demo feed simulates (which seeds
            // 1-minute history, so warm-up completes at once): a fresh `./aq run` shows signals, orders, fills and P&L
            // moving. Crossovers of 5/20 one-minute SMAs are minutes apart; momentum over 10 bars at a 0.2 % threshold
            // trades within the first minutes.
            definitions.Add(new ConfiguredStrategy(DemoId, "sma_crossover", "paper", ["AAPL", "MSFT", "SPY"],
                JsonSerializer.SerializeToElement(new { fastWindow = 5, slowWindow = 20, quantity = 10 }), "1m", true));
            definitions.Add(new ConfiguredStrategy(DemoMomentumId, "momentum", "paper", ["AAPL", "MSFT", "SPY"],
                JsonSerializer.SerializeToElement(new { lookbackPeriod = 10, threshold = 0.002m, positionSize = 10 }), "1m", true));
        }

        return definitions;
    }

    private static JsonNode? ToJson(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value switch
            {
                null => null,
                var v when bool.TryParse(v, out var b) => JsonValue.Create(b),
                var v when decimal.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
                    => JsonValue.Create(d),
                var v => JsonValue.Create(v),
            };
        }

        if (children.All(c => int.TryParse(c.Key, out _)))
        {
            return new JsonArray(children.OrderBy(c => int.Parse(c.Key)).Select(ToJson).ToArray());
        }

        var result = new JsonObject();
        foreach (var child in children)
        {
            result[child.Key] = ToJson(child);
        }

        return result;
    }
}
