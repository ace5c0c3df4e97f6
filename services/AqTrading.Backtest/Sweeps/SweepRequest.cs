using System.Text.Json;
using AqTrading.Backtest.Engine.Research;
using AqTrading.Backtest.Runs;

namespace AqTrading.Backtest.Sweeps;

/// <summary>The body of <c>POST /api/backtest/sweeps</c>: every grid combination over <see cref="Base"/>, ranked by <see cref="RankBy"/>.</summary>
public sealed record SweepRequest(RunRequest? Base = null, Dictionary<string, JsonElement>? Grid = null, string? RankBy = null);

/// <summary>Grid checks shared by sweeps and walk-forwards.</summary>
public static class GridRequests
{
    /// <summary>
    /// The grid as axes (name → values, each a non-empty JSON array of at most <paramref name="max"/> combinations) and
    /// every parameter set over the base's parameters, each checked by the strategy catalog. Errors are keyed
    /// <c>grid</c>, <c>grid.{name}</c> or <c>base.parameters.{name}</c>.
    /// </summary>
    public static List<IReadOnlyDictionary<string, JsonElement>>? Expand(RunRequest normalizedBase, Dictionary<string, JsonElement>? grid,
        bool required, int max, IDictionary<string, string[]> errors)
    {
        if (grid is null || grid.Count == 0)
        {
            if (required)
            {
                errors.TryAdd("grid", ["Give the grid as { \"parameter\": [values…] } with at least one parameter."]);
                return null;
            }

            return [normalizedBase.ParameterValues];
        }

        var axes = new List<KeyValuePair<string, IReadOnlyList<JsonElement>>>();
        foreach (var (name, values) in grid)
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                errors.TryAdd($"grid.{name}", [$"'{name}' must be a non-empty array of values to try."]);
                continue;
            }

            axes.Add(new(name, values.EnumerateArray().Select(v => v.Clone()).ToList()));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var parameterGrid = new ParameterGrid(axes);
        if (parameterGrid.Count > max)
        {
            errors.TryAdd("grid", [$"The grid makes {parameterGrid.Count} parameter sets; at most {max} are allowed."]);
            return null;
        }

        var sets = parameterGrid.Expand(normalizedBase.ParameterValues).ToList();
        foreach (var set in sets)
        {
            var creation = normalizedBase.CreateStrategy(set);
            foreach (var (key, messages) in creation.Errors)
            {
                var name = key.StartsWith("parameters.", StringComparison.Ordinal) ? key["parameters.".Length..] : key;
                var field = grid.ContainsKey(name) ? $"grid.{name}" : $"base.{key}";
                var combination = string.Join(", ", parameterGrid.Names.Select(n => $"{n}={set[n].GetRawText()}"));
                errors.TryAdd(field, [$"With {combination}: {string.Join(" ", messages)}"]);
            }
        }

        return errors.Count > 0 ? null : sets;
    }
}
