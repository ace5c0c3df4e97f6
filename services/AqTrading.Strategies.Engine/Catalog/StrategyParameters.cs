using System.Text.Json;

namespace AqTrading.Strategies.Engine.Catalog;

/// <summary>
/// Reads a strategy's JSON parameters (camelCase names), collecting one error per bad parameter under the key
/// <c>parameters.{name}</c>; unknown names are errors too, so a typo never silently falls back to a default.
/// </summary>
public sealed class StrategyParameters
{
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _errors = [];

    public StrategyParameters(JsonElement? parameters)
    {
        if (parameters is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Error("parameters", "Parameters must be a JSON object.");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            _values[property.Name] = property.Value;
        }
    }

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public int Int(string name, int defaultValue, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return defaultValue;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result) && result >= min && result <= max)
        {
            return result;
        }

        return Fail(name, $"'{name}' must be a whole number from {min} to {max}.", defaultValue);
    }

    public decimal Decimal(string name, decimal defaultValue, decimal? min = null, decimal? max = null, bool exclusiveMin = false)
    {
        if (!TryGet(name, out var value))
        {
            return defaultValue;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var result)
            && (min is null || (exclusiveMin ? result > min : result >= min)) && (max is null || result <= max))
        {
            return result;
        }

        var range = (min, max) switch
        {
            (null, null) => "a number",
            ({ } lo, null) => exclusiveMin ? $"a number greater than {lo}" : $"a number of at least {lo}",
            (null, { } hi) => $"a number of at most {hi}",
            ({ } lo, { } hi) => exclusiveMin ? $"a number greater than {lo} and at most {hi}" : $"a number from {lo} to {hi}",
        };
        return Fail(name, $"'{name}' must be {range}.", defaultValue);
    }

    public bool Bool(string name, bool defaultValue)
    {
        if (!TryGet(name, out var value))
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Fail(name, $"'{name}' must be true or false.", defaultValue),
        };
    }

    public string Choice(string name, string defaultValue, params string[] allowed)
    {
        if (!TryGet(name, out var value))
        {
            return defaultValue;
        }

        if (value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString(), StringComparer.Ordinal))
        {
            return value.GetString()!;
        }

        return Fail(name, $"'{name}' must be one of: {string.Join(", ", allowed)}.", defaultValue);
    }

    /// <summary>Records an error about a combination of parameters, under the key of <paramref name="name"/>.</summary>
    public void Error(string name, string message)
    {
        var key = name == "parameters" ? name : $"parameters.{name}";
        if (!_errors.TryGetValue(key, out var list))
        {
            _errors[key] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Call after reading every known parameter: the rest are unknown.</summary>
    public void RejectUnknown(string kind)
    {
        foreach (var name in _values.Keys.Where(n => !_read.Contains(n)))
        {
            Error(name, $"'{name}' is not a parameter of {kind}.");
        }
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private T Fail<T>(string name, string message, T fallback)
    {
        Error(name, message);
        return fallback;
    }
}
