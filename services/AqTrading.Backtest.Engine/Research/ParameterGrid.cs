using System.Text.Json;

namespace AqTrading.Backtest.Engine.Research;

/// <summary>
/// A grid of strategy parameters: each name with the values to try. Its parameter sets are the cartesian product, in the
/// grid's name order with the last name varying fastest, each laid over the base parameters (a grid value replaces the
/// base value of the same name). Values stay JSON, so the strategy catalog validates them exactly as for a single run.
/// </summary>
public sealed class ParameterGrid
{
    private readonly IReadOnlyList<KeyValuePair<string, IReadOnlyList<JsonElement>>> _axes;

    public ParameterGrid(IEnumerable<KeyValuePair<string, IReadOnlyList<JsonElement>>> axes)
    {
        _axes = axes.ToList();
        if (_axes.Count == 0 || _axes.Any(a => a.Value.Count == 0))
        {
            throw new ArgumentException("A grid needs at least one parameter, each with at least one value.", nameof(axes));
        }
    }

    /// <summary>How many parameter sets the grid makes (saturates at <see cref="long.MaxValue"/>).</summary>
    public long Count => _axes.Aggregate(1L, (n, a) => n > long.MaxValue / a.Value.Count ? long.MaxValue : n * a.Value.Count);

    public IReadOnlyList<string> Names => _axes.Select(a => a.Key).ToList();

    /// <summary>Every parameter set: <paramref name="baseParameters"/> overlaid with one combination of grid values.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Expand(IReadOnlyDictionary<string, JsonElement>? baseParameters)
    {
        var sets = new List<IReadOnlyDictionary<string, JsonElement>>();
        var index = new int[_axes.Count];
        while (true)
        {
            var set = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (name, value) in baseParameters ?? new Dictionary<string, JsonElement>())
            {
                set[name] = value;
            }

            for (var a = 0; a < _axes.Count; a++)
            {
                set[_axes[a].Key] = _axes[a].Value[index[a]];
            }

            sets.Add(set);
            var k = _axes.Count - 1;
            while (k >= 0 && ++index[k] == _axes[k].Value.Count)
            {
                index[k] = 0;
                k--;
            }

            if (k < 0)
            {
                return sets;
            }
        }
    }
}
