using AqTrading.Contracts.MarketData;

namespace AqTrading.Backtest.Engine;

/// <summary>
/// Where a run's data comes from. The engine asks per symbol, once, before the simulation starts; an implementation may
/// read a database or files (the service's business), the engine itself does no I/O.
/// </summary>
public interface IBarSource
{
    /// <summary>
    /// Bars of <paramref name="symbol"/> ascending by end: the last <paramref name="warmupBars"/> bars starting before
    /// <paramref name="start"/> (fewer if history is short) followed by every bar that starts at or after
    /// <paramref name="start"/> and ends at or before <paramref name="end"/>. Returning more is allowed; the engine filters.
    /// </summary>
    IReadOnlyList<Bar> GetBars(string symbol, DateTimeOffset start, int warmupBars, DateTimeOffset end);

    /// <summary>Quotes of <paramref name="symbol"/> in [start, end], ascending by time; empty when there are none.</summary>
    IReadOnlyList<Quote> GetQuotes(string symbol, DateTimeOffset start, DateTimeOffset end) => [];
}

/// <summary>Bars (and quotes) held in memory, e.g. read from LEAN files or a test fixture.</summary>
public sealed class InMemoryBarSource : IBarSource
{
    private readonly Dictionary<string, Bar[]> _bars;
    private readonly Dictionary<string, Quote[]> _quotes;

    public InMemoryBarSource(IEnumerable<Bar> bars, IEnumerable<Quote>? quotes = null)
    {
        // Stable sort by end: bars of one end keep their input order, so a source is deterministic.
        _bars = bars.GroupBy(b => b.Symbol.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(b => b.End.UtcTicks).ToArray(), StringComparer.OrdinalIgnoreCase);
        _quotes = (quotes ?? []).GroupBy(q => q.Symbol.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(q => q.Time.UtcTicks).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Bar> GetBars(string symbol, DateTimeOffset start, int warmupBars, DateTimeOffset end)
    {
        if (!_bars.TryGetValue(symbol, out var all))
        {
            return [];
        }

        var firstTraded = 0;
        while (firstTraded < all.Length && all[firstTraded].Start < start)
        {
            firstTraded++;
        }

        var from = Math.Max(0, firstTraded - Math.Max(0, warmupBars));
        var to = firstTraded;
        while (to < all.Length && all[to].End <= end)
        {
            to++;
        }

        return new ArraySegment<Bar>(all, from, to - from);
    }

    public IReadOnlyList<Quote> GetQuotes(string symbol, DateTimeOffset start, DateTimeOffset end) =>
        _quotes.TryGetValue(symbol, out var all) ? all.Where(q => q.Time >= start && q.Time <= end).ToArray() : [];
}
