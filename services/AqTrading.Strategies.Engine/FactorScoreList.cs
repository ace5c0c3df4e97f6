using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AqTrading.Strategies.Engine;

/// <summary>
/// A signal's factor scores as a fixed list of names (shared by every signal of a strategy) and values: what a
/// <see cref="Dictionary{TKey, TValue}"/> filled in that order gives — the same lookups (ordinal), the same enumeration
/// order, the same JSON — in one small object instead of a hash table per signal.
/// </summary>
internal sealed class FactorScoreList : IReadOnlyDictionary<string, double>
{
    private readonly string[] _names;
    private readonly double[] _values;

    /// <param name="names">Distinct names, in order; not copied (share one array).</param>
    public FactorScoreList(string[] names, double[] values)
    {
        if (names.Length != values.Length)
        {
            throw new ArgumentException("One value per name.", nameof(values));
        }

        _names = names;
        _values = values;
    }

    public int Count => _names.Length;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<double> Values => _values;

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The factor '{key}' is not scored.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new KeyValuePair<string, double>(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Array.IndexOf(_names, key);
    }
}
