using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Engine;

/// <summary>
/// The context a runner keeps for one strategy: clock, bar history, latest quotes and the strategy's own book
/// (average-cost positions with realized P&amp;L, applied once per fill id). Strategies see it as
/// <see cref="IStrategyContext"/>; only the runner (<see cref="StrategyDriver"/>) changes it.
/// </summary>
public sealed class StrategyContext : IStrategyContext
{
    // Per-symbol state lives in one slot per symbol, found by one dictionary lookup from a symbol name, or directly by
    // index: the strategy's symbols take slots 0..n−1 in the order of Strategy.Symbols, so StrategyDriver (and through it
    // the backtest engine) addresses them with the symbol index and a bar costs no string hashing.
    private readonly Dictionary<string, int> _slotIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Slot> _slots = [];
    private readonly HashSet<string> _fillIds = [];
    private readonly Dictionary<Guid, decimal> _filledByOrder = [];
    // Fills with an order id not yet added to _filledByOrder: appending is sequential, while a dictionary of tens of
    // thousands of orders (a backtest) costs cache misses per fill; FilledQuantity adds them first, in order.
    private readonly List<(Guid OrderId, decimal Quantity)> _unindexedFills = [];
    private decimal _fees;
    // The bar history when the caller keeps the bars itself (the backtest engine, see UseHistory): by slot.
    private Func<int, IReadOnlyList<Bar>>? _history;

    public StrategyContext(string strategyId, string accountId, int historyCapacity)
        : this(strategyId, accountId, historyCapacity, [])
    {
    }

    /// <param name="symbols">Symbols given slots 0..n−1 up front, in this order (see <see cref="RecordBar(int, Bar)"/>).</param>
    public StrategyContext(string strategyId, string accountId, int historyCapacity, IReadOnlyList<string> symbols)
    {
        StrategyId = strategyId;
        AccountId = accountId;
        HistoryCapacity = Math.Max(1, historyCapacity);
        for (var i = 0; i < symbols.Count; i++)
        {
            SlotOf(symbols[i]);
        }
    }

    public string StrategyId { get; }

    public string AccountId { get; }

    public DateTimeOffset Now { get; private set; }

    public int HistoryCapacity { get; }

    public StrategyPosition? GetPosition(string symbol) =>
        _slotIndex.TryGetValue(symbol, out var i) && _slots[i].Book is { Quantity: not 0m } book ? ToPosition(i, book) : null;

    /// <summary>
    /// <c>GetPosition(symbol)?.Quantity ?? 0</c> for the symbol in slot <paramref name="slot"/> (the index given by the
    /// constructor's symbol list), without building a <see cref="StrategyPosition"/> — for a built-in strategy that knows
    /// its symbol index. Null when that slot does not hold <paramref name="symbol"/> (the caller then asks
    /// <see cref="GetPosition"/>).
    /// </summary>
    internal decimal? QuantityAt(int slot, string symbol)
    {
        if ((uint)slot >= (uint)_slots.Count || _slots[slot] is not { } s || !string.Equals(s.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return s.Book is { Quantity: not 0m } book ? book.Quantity : 0m;
    }

    public IReadOnlyList<StrategyPosition> Positions =>
        Enumerable.Range(0, _slots.Count).Where(i => _slots[i].Book is { Quantity: not 0m }).OrderBy(i => _slots[i].Symbol, StringComparer.Ordinal)
            .Select(i => ToPosition(i, _slots[i].Book!)).ToList();

    public Quote? GetQuote(string symbol) => _slotIndex.TryGetValue(symbol, out var i) ? _slots[i].Quote : null;

    public StrategyPnl Pnl
    {
        get
        {
            decimal realized = -_fees, unrealized = 0m;
            for (var i = 0; i < _slots.Count; i++)
            {
                if (_slots[i].Book is { } book)
                {
                    realized += book.Realized;
                    unrealized += book.Quantity != 0m ? Unrealized(i, book) : 0m;
                }
            }

            return new StrategyPnl(realized, unrealized, _fees);
        }
    }

    public IReadOnlyList<Bar> History(string symbol) => _slotIndex.TryGetValue(symbol, out var i) ? HistoryOf(i) : [];

    private IReadOnlyList<Bar> HistoryOf(int slot) => _history is { } kept ? kept(slot) : _slots[slot].History ?? (IReadOnlyList<Bar>)[];

    /// <summary>
    /// From now on <see cref="History"/> of the symbol in slot <c>i</c> (the index given by the constructor's symbol list)
    /// is <paramref name="history"/>(<c>i</c>) — at most <see cref="HistoryCapacity"/> bars, oldest first, ending with the
    /// latest bar recorded — and recording a bar keeps nothing but the clock: for a caller that holds every bar anyway
    /// (the backtest engine, whose bars are in arrays), so that a bar does not also go into a ring per symbol, a write
    /// to memory the caller's own arrays already hold (measured: docs/PERFORMANCE.md).
    /// </summary>
    internal void UseHistory(Func<int, IReadOnlyList<Bar>> history) => _history = history;

    /// <summary>The quantity filled so far of an order (from the fills applied).</summary>
    public decimal FilledQuantity(Guid orderId)
    {
        foreach (var (order, quantity) in _unindexedFills)
        {
            _filledByOrder[order] = _filledByOrder.GetValueOrDefault(order) + quantity;
        }

        _unindexedFills.Clear();
        return _filledByOrder.GetValueOrDefault(orderId);
    }

    /// <summary>
    /// The clock is the time of the event being processed, not a high-water mark: a fill stamped by the broker's wall
    /// clock must not move the time of the next (possibly replayed, historical) bar's signals.
    /// </summary>
    public void SetTime(DateTimeOffset time) => Now = time;

    public void RecordBar(Bar bar) => RecordBar(SlotOf(bar.Symbol), bar);

    /// <summary>Records a bar of the symbol in slot <paramref name="symbol"/> (the index given by the constructor's symbol list); the caller guarantees the bar is of that symbol.</summary>
    public void RecordBar(int symbol, Bar bar)
    {
        Now = bar.End;
        if (_history is null)
        {
            var slot = _slots[symbol];
            (slot.History ??= new BarHistory(HistoryCapacity)).Add(bar);
        }
    }

    public void RecordQuote(Quote quote)
    {
        SetTime(quote.Time);
        _slots[SlotOf(quote.Symbol)].Quote = quote;
    }

    /// <summary>Applies a fill to the book; false (and nothing changes) when the fill id was applied before.</summary>
    public bool ApplyFill(StrategyFill fill)
    {
        if (!_fillIds.Add(fill.FillId))
        {
            return false;
        }

        ApplyNewFill(SlotOf(fill.Symbol), fill.OrderId, fill.Side, fill.Quantity, fill.Price, fill.Fees, fill.Time);
        return true;
    }

    /// <summary>
    /// <see cref="ApplyFill"/> for a fill whose id the caller made and never used before (a simulator's), of the symbol in
    /// slot <paramref name="slot"/>, given by its parts: no duplicate check, no symbol lookup and no fill object, so a
    /// backtest's tens of thousands of fills neither fill a set of ids that can never repeat nor allocate.
    /// </summary>
    internal void ApplyNewFill(int slot, Guid? orderId, SignalSide side, decimal quantity, decimal price, decimal fees, DateTimeOffset time)
    {
        SetTime(time);
        var s = _slots[slot];
        (s.Book ??= new Book()).Apply(side == SignalSide.Buy ? quantity : -quantity, price);
        _fees += fees;
        if (orderId is { } order)
        {
            _unindexedFills.Add((order, quantity));
        }
    }

    private int SlotOf(string symbol)
    {
        if (!_slotIndex.TryGetValue(symbol, out var i))
        {
            _slotIndex[symbol] = i = _slots.Count;
            _slots.Add(new Slot(symbol.ToUpperInvariant()));
        }

        return i;
    }

    private StrategyPosition ToPosition(int slot, Book book) =>
        new(_slots[slot].Symbol, book.Quantity, book.AverageCost, book.Realized, Mark(slot), Unrealized(slot, book));

    /// <summary>The latest quote's mid, else the latest bar's close, else null.</summary>
    private decimal? Mark(int slot) =>
        _slots[slot].Quote is { } quote ? quote.Mid : HistoryOf(slot) is { Count: > 0 } bars ? bars[^1].Close : null;

    private decimal Unrealized(int slot, Book book) =>
        Mark(slot) is { } mark ? (mark - book.AverageCost) * book.Quantity : 0m;

    private sealed class Slot(string symbol)
    {
        public string Symbol { get; } = symbol;

        public BarHistory? History { get; set; }

        public Quote? Quote { get; set; }

        public Book? Book { get; set; }
    }

    /// <summary>The last <c>capacity</c> bars, oldest first: a ring buffer, so adding a bar to a full history moves nothing.</summary>
    private sealed class BarHistory(int capacity) : IReadOnlyList<Bar>
    {
        private readonly Bar[] _ring = new Bar[capacity];
        private int _next;

        public int Count { get; private set; }

        public Bar this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                var k = _next - Count + index;
                return _ring[k < 0 ? k + _ring.Length : k];
            }
        }

        public void Add(Bar bar)
        {
            _ring[_next] = bar;
            _next = _next + 1 == _ring.Length ? 0 : _next + 1;
            if (Count < _ring.Length)
            {
                Count++;
            }
        }

        public IEnumerator<Bar> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Average-cost accounting of one symbol: adding to a position averages, reducing realizes, crossing zero reopens at the fill price.</summary>
    private sealed class Book
    {
        public decimal Quantity { get; private set; }

        public decimal AverageCost { get; private set; }

        public decimal Realized { get; private set; }

        public void Apply(decimal signedQuantity, decimal price)
        {
            if (Quantity == 0m || Math.Sign(Quantity) == Math.Sign(signedQuantity))
            {
                var quantity = Quantity + signedQuantity;
                AverageCost = (AverageCost * Quantity + price * signedQuantity) / quantity;
                Quantity = quantity;
                return;
            }

            var closing = Math.Min(Math.Abs(signedQuantity), Math.Abs(Quantity));
            Realized += (price - AverageCost) * closing * Math.Sign(Quantity);
            var remaining = Quantity + signedQuantity;
            if (remaining == 0m)
            {
                Quantity = 0m;
                AverageCost = 0m;
            }
            else if (Math.Sign(remaining) != Math.Sign(Quantity))
            {
                Quantity = remaining;
                AverageCost = price;
            }
            else
            {
                Quantity = remaining;
            }
        }
    }
}
