namespace AqTrading.MarketData.Core.Feed;

/// <summary>
/// The simulated feed's symbols, each its own <see cref="RandomWalk"/> with its own random stream derived from the
/// seed and the symbol (FNV-1a, stable across processes): the same seed gives the same prices, and adding a symbol
/// does not change the others.
/// </summary>
public sealed class SimulatedMarket
{
    private readonly List<RandomWalk> _walks;

    public SimulatedMarket(IEnumerable<FeedSymbol> symbols, int seed)
    {
        _walks = symbols.Select(s => new RandomWalk(s, new Random(SeedFor(seed, s.Symbol)))).ToList();
        var duplicate = _walks.GroupBy(w => w.Symbol).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Symbol {duplicate.Key} is configured twice.", nameof(symbols));
        }
    }

    public IReadOnlyList<RandomWalk> Walks => _walks;

    public RandomWalk this[string symbol] => _walks.First(w => w.Symbol == symbol.ToUpperInvariant());

    /// <summary>One step of every symbol at <paramref name="time"/>; paused symbols give nothing.</summary>
    public IReadOnlyList<Tick> Step(DateTimeOffset time)
    {
        var ticks = new List<Tick>(_walks.Count);
        foreach (var walk in _walks)
        {
            if (walk.Next(time) is { } tick)
            {
                ticks.Add(tick);
            }
        }

        return ticks;
    }

    public static int SeedFor(int seed, string symbol)
    {
        var hash = 2166136261u;
        foreach (var c in symbol.ToUpperInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (uint)seed);
    }
}
