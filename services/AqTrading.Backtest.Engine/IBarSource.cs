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
/// <remarks>
/// Each symbol's bars are sorted by end once, here, with their ends and starts beside them in arrays: a range is then
/// found by binary search over those arrays without touching the bars, and the engine takes a range of a symbol whose
/// bars are in order (ends strictly ascending, starts never descending) without reading its bars again
/// (<see cref="TryGetOrderedRange"/>).
/// </remarks>
public sealed class InMemoryBarSource : IBarSource
{
    private readonly Dictionary<string, Series> _bars;
    private readonly Dictionary<string, Quote[]> _quotes;

    public InMemoryBarSource(IEnumerable<Bar> bars, IEnumerable<Quote>? quotes = null)
    {
        // Stable sort by end: bars of one end keep their input order, so a source is deterministic.
        _bars = bars.GroupBy(b => b.Symbol.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Series(g.OrderBy(b => b.End.UtcTicks).ToArray()), StringComparer.OrdinalIgnoreCase);
        _quotes = (quotes ?? []).GroupBy(q => q.Symbol.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(q => q.Time.UtcTicks).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Bar> GetBars(string symbol, DateTimeOffset start, int warmupBars, DateTimeOffset end)
    {
        if (!_bars.TryGetValue(symbol, out var series))
        {
            return [];
        }

        var (from, _, to) = series.Range(start.UtcTicks, warmupBars, end.UtcTicks);
        return new ArraySegment<Bar>(series.Bars, from, to - from);
    }

    public IReadOnlyList<Quote> GetQuotes(string symbol, DateTimeOffset start, DateTimeOffset end) =>
        _quotes.TryGetValue(symbol, out var all) ? all.Where(q => q.Time >= start && q.Time <= end).ToArray() : [];

    /// <summary>
    /// What the engine makes of <see cref="GetBars"/> when the symbol's bars are in order: the array, the index of the
    /// first bar returned, the number of those that start before <paramref name="start"/>, and the number that end at or
    /// before <paramref name="end"/> (counted from the first). False when the symbol has no bars or its bars are not in
    /// order (two of one end, or a bar starting before an earlier-ending one): the engine then reads them one by one.
    /// </summary>
    internal bool TryGetOrderedRange(string symbol, DateTimeOffset start, int warmupBars, DateTimeOffset end,
        out Bar[] bars, out int from, out int before, out int count)
    {
        if (!_bars.TryGetValue(symbol, out var series) || !series.Ordered)
        {
            (bars, from, before, count) = ([], 0, 0, 0);
            return false;
        }

        bars = series.Bars;
        (from, var firstTraded, var to) = series.Range(start.UtcTicks, warmupBars, end.UtcTicks);
        // Ends ascend, so the bars that end by the end are a prefix of the range (the warm-up part may end later only
        // when the end lies before the start); starts ascend too, so those before the start come first.
        count = Math.Min(to, UpperBound(series.Ends, end.UtcTicks)) - from;
        count = Math.Max(0, count);
        before = Math.Min(count, firstTraded - from);
        return true;
    }

    /// <summary>The first index whose value is greater than <paramref name="value"/> (values ascending).</summary>
    private static int UpperBound(long[] values, long value)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>One symbol's bars, sorted by end, with their ends and starts (UTC ticks).</summary>
    private sealed class Series
    {
        public Series(Bar[] bars)
        {
            Bars = bars;
            Ends = new long[bars.Length];
            Starts = new long[bars.Length];
            var ordered = true;
            for (var i = 0; i < bars.Length; i++)
            {
                Ends[i] = bars[i].End.UtcTicks;
                Starts[i] = bars[i].Start.UtcTicks;
                ordered &= i == 0 || (Ends[i] > Ends[i - 1] && Starts[i] >= Starts[i - 1]);
            }

            Ordered = ordered;
        }

        public Bar[] Bars { get; }

        public long[] Ends { get; }

        public long[] Starts { get; }

        /// <summary>Ends strictly ascending and starts never descending.</summary>
        public bool Ordered { get; }

        /// <summary>
        /// <see cref="GetBars"/>'s range: up to <paramref name="warmupBars"/> bars before the first bar starting at or
        /// after <paramref name="start"/> (<paramref name="firstTraded"/>), then the bars from there up to the first
        /// that ends after <paramref name="end"/>.
        /// </summary>
        public (int From, int FirstTraded, int To) Range(long start, int warmupBars, long end)
        {
            int firstTraded;
            if (Ordered)
            {
                // Starts never descend: the first bar starting at or after the start, by binary search.
                int lo = 0, hi = Starts.Length;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (Starts[mid] < start)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                firstTraded = lo;
            }
            else
            {
                firstTraded = 0;
                while (firstTraded < Starts.Length && Starts[firstTraded] < start)
                {
                    firstTraded++;
                }
            }

            var from = Math.Max(0, firstTraded - Math.Max(0, warmupBars));
            // Ends ascend (sorted by end): the first after the end at or after firstTraded.
            var to = Math.Max(firstTraded, UpperBound(Ends, end));
            return (from, firstTraded, to);
        }
    }
}
