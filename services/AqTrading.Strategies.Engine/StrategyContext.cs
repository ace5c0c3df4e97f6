using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Engine;

/// <summary>
/// The context a runner keeps for one strategy: clock, bar history, latest quotes and the strategy's own book
/// (average-cost positions with realized P&amp;L, applied once per fill id). Strategies see it as
/// <see cref="IStrategyContext"/>; only the runner (<see cref="StrategyDriver"/>) changes it.
/// </summary>
public sealed class StrategyContext(string strategyId, string accountId, int historyCapacity) : IStrategyContext
{
    private readonly Dictionary<string, List<Bar>> _history = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Quote> _quotes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, decimal> _lastCloses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Book> _books = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _fillIds = [];
    private readonly Dictionary<Guid, decimal> _filledByOrder = [];
    private decimal _fees;

    public string StrategyId { get; } = strategyId;

    public string AccountId { get; } = accountId;

    public DateTimeOffset Now { get; private set; }

    public int HistoryCapacity { get; } = Math.Max(1, historyCapacity);

    public StrategyPosition? GetPosition(string symbol) =>
        _books.TryGetValue(symbol, out var book) && book.Quantity != 0m ? ToPosition(symbol, book) : null;

    public IReadOnlyList<StrategyPosition> Positions =>
        _books.Where(b => b.Value.Quantity != 0m).OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => ToPosition(b.Key, b.Value)).ToList();

    public Quote? GetQuote(string symbol) => _quotes.GetValueOrDefault(symbol);

    public StrategyPnl Pnl
    {
        get
        {
            var realized = _books.Values.Sum(b => b.Realized) - _fees;
            var unrealized = _books.Where(b => b.Value.Quantity != 0m).Sum(b => Unrealized(b.Key, b.Value));
            return new StrategyPnl(realized, unrealized, _fees);
        }
    }

    public IReadOnlyList<Bar> History(string symbol) => _history.TryGetValue(symbol, out var bars) ? bars : [];

    /// <summary>The quantity filled so far of an order (from the fills applied).</summary>
    public decimal FilledQuantity(Guid orderId) => _filledByOrder.GetValueOrDefault(orderId);

    /// <summary>
    /// The clock is the time of the event being processed, not a high-water mark: a fill stamped by the broker's wall
    /// clock must not move the time of the next (possibly replayed, historical) bar's signals.
    /// </summary>
    public void SetTime(DateTimeOffset time) => Now = time;

    public void RecordBar(Bar bar)
    {
        SetTime(bar.End);
        if (!_history.TryGetValue(bar.Symbol, out var bars))
        {
            _history[bar.Symbol] = bars = [];
        }

        bars.Add(bar);
        if (bars.Count > HistoryCapacity)
        {
            bars.RemoveAt(0);
        }

        _lastCloses[bar.Symbol] = bar.Close;
    }

    public void RecordQuote(Quote quote)
    {
        SetTime(quote.Time);
        _quotes[quote.Symbol] = quote;
    }

    /// <summary>Applies a fill to the book; false (and nothing changes) when the fill id was applied before.</summary>
    public bool ApplyFill(StrategyFill fill)
    {
        if (!_fillIds.Add(fill.FillId))
        {
            return false;
        }

        SetTime(fill.Time);
        if (!_books.TryGetValue(fill.Symbol, out var book))
        {
            _books[fill.Symbol] = book = new Book();
        }

        book.Apply(fill.Side == SignalSide.Buy ? fill.Quantity : -fill.Quantity, fill.Price);
        _fees += fill.Fees;
        if (fill.OrderId is { } orderId)
        {
            _filledByOrder[orderId] = _filledByOrder.GetValueOrDefault(orderId) + fill.Quantity;
        }

        return true;
    }

    private StrategyPosition ToPosition(string symbol, Book book) =>
        new(symbol.ToUpperInvariant(), book.Quantity, book.AverageCost, book.Realized, Mark(symbol), Unrealized(symbol, book));

    private decimal? Mark(string symbol) =>
        _quotes.TryGetValue(symbol, out var quote) ? quote.Mid : _lastCloses.TryGetValue(symbol, out var close) ? close : null;

    private decimal Unrealized(string symbol, Book book) =>
        Mark(symbol) is { } mark ? (mark - book.AverageCost) * book.Quantity : 0m;

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
