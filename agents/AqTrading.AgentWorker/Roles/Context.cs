using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AqTrading.AgentWorker.Roles;

/// <summary>Reading the caller's context and tool results leniently (a missing optional field takes its default).</summary>
internal static class Context
{
    public static string String(this JsonObject context, string name, string fallback) =>
        context[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : fallback;

    public static int Int(this JsonObject context, string name, int fallback, int min, int max)
    {
        if (context[name] is JsonValue value
            && (value.TryGetValue<double>(out var number)
                || value.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)))
        {
            if (number < min || number > max || number != Math.Floor(number))
            {
                throw new ArgumentException($"context.{name} must be a whole number between {min} and {max}.");
            }

            return (int)number;
        }

        return fallback;
    }

    public static double? Double(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;

    public static string? Str(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A list answer: a JSON array, or an object with <c>items</c>.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Array => element.EnumerateArray(),
            JsonValueKind.Object when element.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array => items.EnumerateArray(),
            _ => [],
        };

    public static JsonNode? Node(this JsonElement element) => JsonNode.Parse(element.GetRawText());
}
