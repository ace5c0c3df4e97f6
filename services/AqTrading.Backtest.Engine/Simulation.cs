using System.Runtime.CompilerServices;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;
using AqTrading.MarketData.Core.Import;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.Engine;

/// <summary>
/// One run. Symbols are indexed (ordinal order) and their state kept in arrays, so the per-event path is array access,
/// not dictionary lookups; the strategy is driven by symbol index too (<see cref="StrategyDriver.OnBar(int, Bar)"/>).
/// Events are processed in slices of equal end time: all bars of the slice in symbol order, then the quotes of that
/// time; the equity point is taken after the slice. Accounting (cash, positions, fills) is decimal; the equity curve is
/// double — it is analytics, computed once per slice, and keeping it double avoids a decimal multiply-add per held
/// symbol per slice (DESIGN §7: measured, see docs/PERFORMANCE.md).
/// </summary>
/// <remarks>
/// Nothing in the per-bar path allocates or costs O(symbols): the market value of the book (Σ quantity × last close, and
/// its gross Σ |…|) is kept up to date per bar and per fill — exact, in integer units while quantities and closes allow
/// (see <see cref="Revalue"/>), so it equals the decimal sum recomputed from scratch — and the buying-power check and the
/// equity at a signal read it instead of walking every symbol. Each symbol's bar two slices ahead is prefetched
/// (<see cref="CacheHint"/>): the symbols' bars are interleaved streams through memory that the hardware does not follow.
/// </remarks>
internal sealed class Simulation
{
    private readonly BacktestSpec _spec;
    private readonly IBarSource _source;
    private readonly SlippageModel _slippage;
    private readonly FeeModel _fees;
    private readonly AccountModel _account;
    private readonly PositionSizing _sizing;
    private readonly StrategyDriver _driver;
    private readonly string[] _symbols;
    // What the per-bar path reads and writes of each symbol, in one array element rather than nine arrays: the
    // bar cursor and bounds, and the book's shadows (see SymbolState).
    private readonly SymbolState[] _state;
    private readonly Bar[][] _bars;
    private readonly Quote[][] _quotes;
    private readonly long[] _nextEnd; // end (UTC ticks) of the symbol's next bar, long.MaxValue when it has none left
    private readonly int[] _quoteCursor;
    private readonly int _warmupUsed;

    // Per symbol book (decimal: accounting) and its double shadow for the equity curve.
    private readonly decimal[] _qty;
    private readonly decimal[] _avg;
    private readonly decimal[] _realized;
    private readonly decimal[] _value;
    private decimal _marketValue;
    private decimal _grossValue;

    // The same book values in integer units of 10⁻⁸ while every quantity and close has at most four decimals (see
    // Revalue): _value, _marketValue and _grossValue are then not kept, and are made from these when read.
    private bool _unitValues = true;
    private Int128 _marketUnits;
    private Int128 _grossUnits;
    private int _valueScale; // the largest scale of a value so far: the scale the decimal sums would have
    private readonly bool _hasQuotes;
    private readonly Bar?[] _lastBar;
    private readonly List<PendingOrder>?[] _pending;
    private readonly Trip?[] _trips;
    private readonly Trip?[] _spareTrips;
    private decimal _cash;

    private readonly List<EquityPoint> _equity;
    // The result's records are structs kept in chunks (ChunkedList): per signal no object of their own.
    private readonly ChunkedList<Execution> _fills = new();
    private readonly ChunkedList<PositionChange> _positions = new();
    // A signal's trace is made once, when its outcome is known (filled, rejected, or unfilled at the end); until then its
    // slot holds a default and the pending order carries what the trace needs.
    private readonly ChunkedList<SignalTrace> _traces = new();
    private readonly ChunkedList<RoundTrip> _trades = new(); // closed round trips; the open ones are added at the end
    private decimal _tradedNotional;
    private int _dropped;
    private int _rejected;
    private long _barEvents;

    public Simulation(BacktestSpec spec, IBarSource source)
    {
        _spec = spec;
        _source = source;
        _slippage = spec.SlippageOrDefault;
        _fees = spec.FeesOrDefault;
        _account = spec.AccountOrDefault;
        _sizing = spec.SizingOrDefault;
        _driver = new StrategyDriver(spec.Strategy, spec.AccountId);
        _symbols = spec.Strategy.Symbols.Order(StringComparer.Ordinal).ToArray();
        var n = _symbols.Length;
        _state = new SymbolState[n];
        _bars = new Bar[n][];
        _quotes = new Quote[n][];
        var warmup = spec.Strategy.WarmupBars;
        var maxBars = 0;
        for (var i = 0; i < n; i++)
        {
            _state[i].StrategyIndex = spec.Strategy.SymbolIndex(_symbols[i]);
            (_bars[i], _state[i].Cursor, _state[i].BarEnd) = Load(source, _symbols[i], warmup);
            _state[i].WarmupEnd = _state[i].Cursor + warmup;
            _warmupUsed += warmup;
            maxBars = Math.Max(maxBars, _state[i].BarEnd - _state[i].Cursor - warmup);
            _quotes[i] = spec.FillModel == FillModel.Quote || spec.Strategy.WantsQuotes
                ? source.GetQuotes(_symbols[i], spec.Start, spec.End).Where(q => q.Time <= spec.End).OrderBy(q => q.Time.UtcTicks).ToArray()
                : [];
            _hasQuotes |= _quotes[i].Length > 0;
        }

        if (maxBars == 0)
        {
            throw new BacktestException($"No bars of {string.Join(", ", _symbols)} between {spec.Start:O} and {spec.End:O}.");
        }

        // The strategy's bar history is read from the bar arrays (at most the context's capacity, up to the bar being
        // processed: the cursor is past it by then), not copied into a ring per symbol on every bar.
        var first = new int[n];
        var bySlot = new int[n];
        for (var i = 0; i < n; i++)
        {
            first[i] = _state[i].Cursor;
            bySlot[_state[i].StrategyIndex] = i;
        }

        var capacity = _driver.Context.HistoryCapacity;
        _driver.Context.UseHistory(slot =>
        {
            if (slot >= bySlot.Length)
            {
                return []; // a symbol the strategy does not trade: the engine has no bars of it
            }

            var i = bySlot[slot];
            var to = _state[i].Cursor;
            var from = Math.Max(first[i], to - capacity);
            return new ArraySegment<Bar>(_bars[i], from, to - from);
        });

        _nextEnd = new long[n];
        for (var i = 0; i < n; i++)
        {
            _nextEnd[i] = NextEnd(_bars[i], _state[i].Cursor, _state[i].BarEnd);
        }

        _quoteCursor = new int[n];
        _qty = new decimal[n];
        _avg = new decimal[n];
        _realized = new decimal[n];
        _value = new decimal[n];
        _lastBar = new Bar?[n];
        _pending = new List<PendingOrder>?[n];
        _trips = new Trip?[n];
        _spareTrips = new Trip?[n];
        _cash = spec.InitialCapital;
        _equity = new List<EquityPoint>(maxBars);
    }

    public BacktestResult Run(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        long total = 0;
        for (var i = 0; i < _symbols.Length; i++)
        {
            total += _state[i].BarEnd - _state[i].Cursor + _quotes[i].Length;
        }

        var reportEvery = Math.Max(4096, total / 100);
        long nextReport = reportEvery;
        long events = 0;
        _driver.Start();
        while (true)
        {
            // The next slice: the smallest end (bars) or time (quotes) among the cursors.
            // The scan reads the dense array of next ends, not the bars (a scattered object each).
            var time = long.MaxValue;
            var nextEnd = _nextEnd;
            for (var i = 0; i < nextEnd.Length; i++)
            {
                if (nextEnd[i] < time)
                {
                    time = nextEnd[i];
                }

                if (_hasQuotes)
                {
                    var quotes = _quotes[i];
                    var q = _quoteCursor[i];
                    if (q < quotes.Length && quotes[q].Time.UtcTicks < time)
                    {
                        time = quotes[q].Time.UtcTicks;
                    }
                }
            }

            if (time == long.MaxValue)
            {
                break;
            }

            if (Slice(time, ref events))
            {
                _equity.Add(Mark(time));
            }

            if (events >= nextReport)
            {
                nextReport += reportEvery;
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report((double)events / total);
            }
        }

        _driver.Stop();
        progress?.Report(1.0);
        return Result();
    }

    /// <summary>Every event at <paramref name="time"/>: each symbol's bar ending then, then the quotes of that time.</summary>
    /// <returns>Whether a bar of the trading period was among them.</returns>
    /// <remarks>A method of its own, called once per slice, rather than the body of <see cref="Run"/>'s loop: called
    /// thousands of times per run it is compiled like any hot method (tiered, with profile-guided optimisation), not as
    /// the on-stack replacement of a method that is entered once.</remarks>
    private bool Slice(long time, ref long events)
    {
        var traded = false;
        var nextEnd = _nextEnd;
        for (var i = 0; i < nextEnd.Length; i++)
        {
            // A symbol's bars have distinct ends (Load checks), so it has at most one bar per slice.
            if (nextEnd[i] == time)
            {
                ref var state = ref _state[i];
                var bars = _bars[i];
                var c = state.Cursor;
                // Load() put the symbol's warm-up bars first, so a bar trades when it comes after them.
                var trading = c >= state.WarmupEnd;
                traded |= trading;
                state.Cursor = c + 1;
                nextEnd[i] = NextEnd(bars, c + 1, state.BarEnd); // read now: the next bar's load overlaps with this one's work
                // What this symbol's coming slices read, fetched while the other symbols run: the bar after next (the
                // next one's end is read now), and further ahead the line of the bar array that holds the references to come.
                if (c + 2 < state.BarEnd)
                {
                    CacheHint.Prefetch(bars[c + 2]);
                    CacheHint.Prefetch(bars, c + PrefetchAhead);
                }

                OnBar(i, bars[c], trading);
                events++;
            }
        }

        for (var i = 0; _hasQuotes && i < _quotes.Length; i++)
        {
            var quotes = _quotes[i];
            while (_quoteCursor[i] < quotes.Length && quotes[_quoteCursor[i]].Time.UtcTicks == time)
            {
                OnQuote(i, quotes[_quoteCursor[i]++]);
                events++;
            }
        }

        return traded;
    }

    /// <summary>How many bars ahead the line of a symbol's bar array is prefetched: one 64-byte line holds eight references,
    /// so each line is asked for well before its first element is read.</summary>
    private const int PrefetchAhead = 16;

    /// <summary>The end of the bar at <paramref name="cursor"/> (UTC ticks), or long.MaxValue when the range has no bar left.</summary>
    private static long NextEnd(Bar[] bars, int cursor, int end) => cursor < end ? bars[cursor].End.UtcTicks : long.MaxValue;

    /// <summary>
    /// The symbol's last <paramref name="warmup"/> bars before the start, then its bars of the trading period (adjusted
    /// when it has factor rows), as a range of an array. Unadjusted bars from an array-backed source are used where they
    /// lie, not copied: loading allocates nothing per bar.
    /// </summary>
    private (Bar[] Bars, int From, int To) Load(IBarSource source, string symbol, int warmup)
    {
        var factors = _spec.FactorRows is { } all && all.TryGetValue(symbol, out var rows) ? rows : null;
        if (factors is null && source is InMemoryBarSource memory
            && memory.TryGetOrderedRange(symbol, _spec.Start, warmup, _spec.End, out var ordered, out var first, out var earlier, out var kept))
        {
            // Bars the source has already checked for order, found by binary search: what the loop below would find,
            // without reading every bar of the run once more before the simulation reads them.
            WarmupCheck(symbol, warmup, earlier);
            return (ordered, first + earlier - warmup, first + kept);
        }

        var raw = source.GetBars(symbol, _spec.Start, warmup, _spec.End);
        long startTicks = _spec.Start.UtcTicks, endTicks = _spec.End.UtcTicks, previousEnd = long.MinValue;
        int before = 0, count = 0;
        var interleaved = false;
        for (var k = 0; k < raw.Count; k++)
        {
            var bar = raw[k];
            if (!ReferenceEquals(bar.Symbol, symbol) && !bar.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase))
            {
                throw new BacktestException($"The source returned a bar of {bar.Symbol} when asked for {symbol}.");
            }

            var end = bar.End.UtcTicks;
            if (end <= previousEnd)
            {
                throw new BacktestException($"Bars of {symbol} are not in time order: {bar.End:O} follows {raw[k - 1].End:O}.");
            }

            previousEnd = end;
            if (end > endTicks)
            {
                break; // ends ascend: every later bar ends after the end too
            }

            if (bar.Start.UtcTicks < startTicks)
            {
                interleaved |= before < count;
                before++;
            }

            count++;
        }

        WarmupCheck(symbol, warmup, before);
        // The bars before the start come first; keep the last `warmup` of them.
        var skip = before - warmup;
        if (factors is null && !interleaved)
        {
            return raw switch
            {
                ArraySegment<Bar> segment => (segment.Array!, segment.Offset + skip, segment.Offset + count),
                Bar[] array => (array, skip, count),
                _ => (raw.Skip(skip).Take(count - skip).ToArray(), 0, count - skip),
            };
        }

        var adjusted = raw.Take(count).Select(b => factors is null ? b : FactorFile.Adjust(factors, b));
        if (interleaved)
        {
            // Overlapping bars (one starting before the start ends after one starting at or after it): the bars before
            // the start first, each part in its own order.
            adjusted = [.. adjusted.Where(b => b.Start < _spec.Start), .. adjusted.Where(b => b.Start >= _spec.Start)];
        }

        var bars = adjusted.Skip(skip).ToArray();
        return (bars, 0, bars.Length);
    }

    private void WarmupCheck(string symbol, int warmup, int before)
    {
        if (before < warmup)
        {
            throw new BacktestException(
                $"Insufficient warm-up data for {symbol}: the strategy needs {warmup} bars before {_spec.Start:O}, the source has {before}. Move the start later or load more history.");
        }
    }

    private void OnBar(int i, Bar bar, bool trading)
    {
        _barEvents++;
        ref var state = ref _state[i];
        if (state.Pending > 0) // read from the state the bar needs anyway, not from the list (an object per symbol)
        {
            WorkPending(i, _pending[i]!, bar);
        }

        _lastBar[i] = bar;
        if (state.QtyD != 0)
        {
            Revalue(i);
        }

        if (_driver.OnBar(state.StrategyIndex, bar) is not { } outcome || ReferenceEquals(outcome, BarOutcome.None))
        {
            return; // a duplicate bar, or (most bars) no signal
        }

        OnOutcome(i, outcome, bar, trading);
    }

    /// <summary>The signals of a bar. Apart from <see cref="OnBar"/>, which runs on every bar (inlined into the slice
    /// loop), so that the locals of the rare signal path do not enlarge the per-bar stack frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnOutcome(int i, BarOutcome outcome, Bar bar, bool trading)
    {
        _dropped += outcome.Suppressed;
        var signals = outcome.Signals;
        if (signals.Count == 0)
        {
            return;
        }

        if (!trading)
        {
            // Warm-up bars are never traded, and their signals are not carried into the trading period.
            _dropped += signals.Count;
            return;
        }

        for (var k = 0; k < signals.Count; k++)
        {
            OnSignal(i, signals[k], bar);
        }
    }

    private void WorkPending(int i, List<PendingOrder> pending, Bar bar)
    {
        for (var k = 0; k < pending.Count; k++)
        {
            var order = pending[k];
            if (OrderMatching.Match(order.Order, bar.Open, bar.High, bar.Low) is not { } price)
            {
                continue;
            }

            // A stop is expected at its stop: a gap through it shows as slippage in the trace.
            var (expected, type) = order.Order.Type switch
            {
                OrderType.Market => (bar.Open, "next_bar_open"),
                OrderType.Stop => (order.Order.StopPrice!.Value, "order_price"),
                _ => (price, "order_price"),
            };
            pending.RemoveAt(k--);
            _state[i].Pending--;
            Execute(i, order, price, expected, type, bar.End, bar.Volume);
        }
    }

    private void OnQuote(int i, Quote quote)
    {
        _driver.OnQuote(quote);
        if (_spec.FillModel != FillModel.Quote || _pending[i] is not { Count: > 0 } pending || quote.Bid <= 0m || quote.Ask < quote.Bid)
        {
            return;
        }

        for (var k = 0; k < pending.Count; k++)
        {
            var order = pending[k];
            if (order.Order.Type != OrderType.Market)
            {
                continue;
            }

            pending.RemoveAt(k--);
            _state[i].Pending--;
            var price = order.Order.Side == SignalSide.Buy ? quote.Ask : quote.Bid;
            Execute(i, order, price, quote.Mid, "quote_mid", quote.Time, order.Order.Side == SignalSide.Buy ? quote.AskSize : quote.BidSize);
        }
    }

    private void OnSignal(int i, Signal signal, Bar bar)
    {
        var type = OrderMatching.FromSignalType(signal.OrderType);
        var equity = EquityDecimal();
        var quantity = Size(i, signal, bar, equity);
        var state = new PortfolioState(_cash, _qty[i], _qty[i] == 0m ? null : _avg[i], equity);
        _traces.Add(default);
        var order = new PendingOrder(signal, _traces.Count - 1, new WorkingOrder(signal.Side, type, quantity, signal.LimitPrice, signal.StopPrice), bar, state);
        if (quantity <= 0m)
        {
            Reject(i, order, "zero_quantity");
            return;
        }

        if (type == OrderType.Market && _spec.FillModel == FillModel.BarClose)
        {
            Execute(i, order, bar.Close, bar.Close, "bar_close", bar.End, bar.Volume);
            return;
        }

        (_pending[i] ??= []).Add(order);
        _state[i].Pending++;
    }

    /// <summary>The signal's trace with the given outcome (no fill: the expected price type the fill model would use).</summary>
    private SignalTrace Trace(int i, PendingOrder order, TraceStatus status, string? rejectReason) =>
        new(order.Signal.Id, order.Signal.Time, _symbols[i], order.Signal.Side, order.Order.Type, order.Signal.Quantity, order.Order.Quantity,
            order.Signal.Reason, order.Bar, order.State, status, rejectReason, null, null, null, ExpectedType(order.Order.Type), null, null);

    private string ExpectedType(OrderType type) => type != OrderType.Market ? "order_price" : _spec.FillModel switch
    {
        FillModel.BarClose => "bar_close",
        FillModel.Quote => "quote_mid",
        _ => "next_bar_open",
    };

    /// <summary>The order quantity for a signal under the spec's sizing (see <see cref="PositionSizing"/>).</summary>
    private decimal Size(int i, Signal signal, Bar bar, decimal equity)
    {
        if (_sizing.IsFixed)
        {
            return signal.Quantity;
        }

        var target = bar.Close <= 0m ? 0m : Math.Floor(_sizing.Fraction * Math.Max(0m, equity) * (1m - _sizing.CashBuffer) / bar.Close);
        var shortTarget = _account.Type == AccountType.Margin ? -target : 0m;
        var held = _qty[i];
        if (signal.Side == SignalSide.Buy)
        {
            var goal = held < 0m && signal.Quantity <= -held ? 0m : target;
            return Math.Max(0m, goal - held);
        }

        var sellGoal = held > 0m && signal.Quantity <= held ? 0m : shortTarget;
        return Math.Max(0m, held - sellGoal);
    }

    private void Execute(int i, PendingOrder order, decimal modelPrice, decimal expected, string expectedType, DateTimeOffset time, long volume)
    {
        var side = order.Order.Side;
        var quantity = order.Order.Quantity;
        var price = _slippage.Apply(side, modelPrice, quantity, volume);
        var fee = _fees.Fee(quantity, price);
        var signed = side == SignalSide.Buy ? quantity : -quantity;
        if (Refusal(i, signed, price, fee) is { } reason)
        {
            Reject(i, order, reason);
            return;
        }

        _cash -= signed * price + fee;
        _tradedNotional += quantity * price;
        ApplyToBook(i, signed, price, fee, time);
        var fillId = $"bt-{order.Signal.Id:N}";
        _fills.Add(new Execution(fillId, order.Signal.Id, _symbols[i], side, quantity, modelPrice, price, fee, time));
        _positions.Add(new PositionChange(time, _symbols[i], _qty[i], _avg[i], _realized[i]));
        decimal? bps = expected > 0m
            ? Math.Round((side == SignalSide.Buy ? price - expected : expected - price) / expected * 10_000m, 2, MidpointRounding.AwayFromZero)
            : null;
        var signal = order.Signal;
        _traces.Set(order.TraceIndex, new SignalTrace(signal.Id, signal.Time, _symbols[i], side, order.Order.Type, signal.Quantity, quantity, signal.Reason,
            order.Bar, order.State, TraceStatus.Filled, null, time, price, expected > 0m ? expected : null, expectedType, bps, fee));
        // Fill ids are made from signal ids, which are unique per run: no duplicate check needed.
        _driver.OnSimulatedFill(_state[i].StrategyIndex, fillId, order.Signal.Id, side, quantity, price, fee, time);
    }

    /// <summary>Why the account cannot take the fill, or null. Cash: no shorts, buys need the cash. Margin: gross exposure
    /// after the fill at most MaxLeverage × equity after the fill (marks at the latest closes, this symbol at the fill price).</summary>
    private string? Refusal(int i, decimal signed, decimal price, decimal fee)
    {
        var newQty = _qty[i] + signed;
        if (_account.Type == AccountType.Cash)
        {
            if (newQty < 0m)
            {
                return "short_not_allowed";
            }

            return signed > 0m && _cash < signed * price + fee ? "insufficient_cash" : null;
        }

        // Every other symbol at its latest close (the running sums), this one at the fill price.
        var value = newQty * price;
        var old = ValueOf(i);
        var equity = _cash - signed * price - fee + (MarketValue() - old) + value;
        var gross = GrossValue() - Math.Abs(old) + Math.Abs(value);
        return gross > _account.MaxLeverage * equity ? "insufficient_buying_power" : null;
    }

    private void Reject(int i, PendingOrder order, string reason)
    {
        _rejected++;
        _traces.Set(order.TraceIndex, Trace(i, order, TraceStatus.Rejected, reason));
    }

    /// <summary>Average-cost book and flat-to-flat round trips; a fill that crosses zero closes one trip and opens the next,
    /// its fee split between them by quantity.</summary>
    private void ApplyToBook(int i, decimal signed, decimal price, decimal fee, DateTimeOffset time)
    {
        var held = _qty[i];
        var quantity = Math.Abs(signed);
        if (held == 0m || Math.Sign(held) == Math.Sign(signed))
        {
            var trip = _trips[i] ??= NewTrip(i, signed > 0m ? TradeDirection.Long : TradeDirection.Short, time);
            trip.Open(quantity, price, fee);
            _avg[i] = (_avg[i] * held + price * signed) / (held + signed);
            _qty[i] = held + signed;
        }
        else
        {
            var closing = Math.Min(quantity, Math.Abs(held));
            var closingFee = fee * closing / quantity;
            var pnl = (price - _avg[i]) * closing * Math.Sign(held);
            _realized[i] += pnl;
            var trip = _trips[i]!;
            trip.Close(closing, price, closingFee, pnl);
            var remaining = held + signed;
            if (Math.Abs(trip.Held) == 0m)
            {
                _trades.Add(trip.Finish(_symbols[i], time));
                _trips[i] = null;
                _spareTrips[i] = trip;
            }

            if (remaining == 0m)
            {
                _avg[i] = 0m;
            }
            else if (Math.Sign(remaining) != Math.Sign(held))
            {
                _avg[i] = price;
                var opened = _trips[i] = NewTrip(i, remaining > 0m ? TradeDirection.Long : TradeDirection.Short, time);
                opened.Open(Math.Abs(remaining), price, fee - closingFee);
            }

            _qty[i] = remaining;
        }

        _state[i].QtyD = (double)_qty[i];
        _state[i].QtyScale = BookUnits.TryUnits(_qty[i], out _state[i].QtyUnits, out var scale) ? scale : -1;
        Revalue(i);
    }

    /// <summary>A trip starting now: the symbol's last finished one, reset (a trip is garbage once its round trip is made).</summary>
    private Trip NewTrip(int i, TradeDirection direction, DateTimeOffset entryTime)
    {
        if (_spareTrips[i] is not { } trip)
        {
            return new Trip(direction, entryTime);
        }

        _spareTrips[i] = null;
        trip.Reset(direction, entryTime);
        return trip;
    }

    /// <summary>Brings the symbol's market value (quantity × latest close), the running sums and, for the equity curve, its
    /// latest close as a double up to date.</summary>
    /// <remarks>
    /// While every quantity and close has at most four decimals (the usual case) the values are kept as integers of
    /// 10⁻⁸, which is exact and several times cheaper than decimal; otherwise the run moves to decimal for good, starting
    /// from the same sums. Both give the same decimal when read: a decimal sum of products is exact at these magnitudes,
    /// and its scale is the largest scale of the values ever added (decimal addition keeps the larger scale, a product has
    /// the sum of its factors' scales) — which <see cref="_valueScale"/> tracks.
    /// </remarks>
    private void Revalue(int i)
    {
        if (_unitValues)
        {
            if (_state[i].QtyD == 0 || _lastBar[i] is not { } bar) // zero exactly when the position is
            {
                SetValue(i, 0, 0); // 0m: scale 0
            }
            else if (_state[i].QtyScale >= 0 && BookUnits.TryUnits(bar.Close, out var close, out var closeScale))
            {
                // The close decoded once for both values (zero, whose sign the double would lose, from the decimal).
                _state[i].CloseD = close != 0 ? BookUnits.ToDouble(close) : (double)bar.Close;
                SetValue(i, (Int128)_state[i].QtyUnits * close, _state[i].QtyScale + closeScale);
            }
            else
            {
                ToDecimalValues();
                Revalue(i);
            }

            return;
        }

        var last = _lastBar[i];
        if (last is not null)
        {
            _state[i].CloseD = (double)last.Close;
        }

        var value = _qty[i] == 0m || last is null ? 0m : _qty[i] * last.Close;
        var old = _value[i];
        _value[i] = value;
        var change = value - old;
        _marketValue += change;
        // |value| − |old| is ±change when both lie on the same side of zero (the usual case: a new close of a held
        // position), which saves two decimal operations per bar; the same value either way.
        _grossValue += value > 0m && old > 0m ? change : value < 0m && old < 0m ? -change : Math.Abs(value) - Math.Abs(old);
    }

    /// <summary>The integer half of <see cref="Revalue"/>: the symbol's market value is now <paramref name="units"/>
    /// (10⁻⁸, a product of scale <paramref name="scale"/>).</summary>
    private void SetValue(int i, Int128 units, int scale)
    {
        _valueScale = Math.Max(_valueScale, scale);
        var before = _state[i].ValueUnits;
        var gross = _grossUnits + Int128.Abs(units) - Int128.Abs(before);
        if (gross > BookUnits.MaxSum)
        {
            // Beyond what a decimal holds at every scale (a book worth 10¹⁹): decimal from here, as the sums were.
            ToDecimalValues();
            Revalue(i);
            return;
        }

        _state[i].ValueUnits = units;
        _marketUnits += units - before;
        _grossUnits = gross;
    }

    /// <summary>Leaves the integer book values for decimal ones, equal in value and scale.</summary>
    private void ToDecimalValues()
    {
        for (var j = 0; j < _value.Length; j++)
        {
            _value[j] = ValueOf(j);
        }

        _marketValue = MarketValue();
        _grossValue = GrossValue();
        _unitValues = false;
    }

    /// <summary>The symbol's market value as last revalued, in value (in units: at the scale of the sums, which is what
    /// it adds to them).</summary>
    private decimal ValueOf(int i) => _unitValues ? BookUnits.ToDecimal(_state[i].ValueUnits, _valueScale) : _value[i];

    private decimal MarketValue() => _unitValues ? BookUnits.ToDecimal(_marketUnits, _valueScale) : _marketValue;

    private decimal GrossValue() => _unitValues ? BookUnits.ToDecimal(_grossUnits, _valueScale) : _grossValue;

    /// <summary>Cash plus the market value of the book at the latest closes.</summary>
    private decimal EquityDecimal() => _cash + MarketValue();

    /// <summary><see cref="EquityDecimal"/> summed from scratch (for the summary, once).</summary>
    private decimal EquityRecomputed()
    {
        var equity = _cash;
        for (var j = 0; j < _qty.Length; j++)
        {
            if (_qty[j] != 0m)
            {
                equity += _qty[j] * _lastBar[j]!.Close;
            }
        }

        return equity;
    }

    private EquityPoint Mark(long time)
    {
        double longValue = 0, shortValue = 0;
        for (var j = 0; j < _state.Length; j++)
        {
            var q = _state[j].QtyD;
            if (q != 0)
            {
                var value = q * _state[j].CloseD;
                if (value > 0)
                {
                    longValue += value;
                }
                else
                {
                    shortValue += value;
                }
            }
        }

        var cash = (double)_cash;
        return new EquityPoint(new DateTimeOffset(time, TimeSpan.Zero), cash + longValue + shortValue, cash, longValue, shortValue);
    }

    private BacktestResult Result()
    {
        for (var i = 0; i < _pending.Length; i++)
        {
            if (_pending[i] is { } pending)
            {
                foreach (var order in pending)
                {
                    _traces.Set(order.TraceIndex, Trace(i, order, TraceStatus.Unfilled, null)); // unfilled at the end
                }

                pending.Clear();
            }
        }

        var pnls = new double[_trades.Count]; // closed trips only
        for (var k = 0; k < pnls.Length; k++)
        {
            pnls[k] = (double)_trades[k].Pnl;
        }

        for (var i = 0; i < _trips.Length; i++)
        {
            if (_trips[i] is { } open && _lastBar[i] is { } last)
            {
                _trades.Add(open.Snapshot(_symbols[i], (last.Close - _avg[i]) * _qty[i]));
            }
        }

        var daily = Daily(_equity);
        var equity = new double[daily.Count];
        var gross = new double[daily.Count];
        for (var k = 0; k < daily.Count; k++)
        {
            equity[k] = daily[k].Equity;
            gross[k] = daily[k].GrossExposure;
        }

        var statistics = PerformanceStatistics.Compute(equity, gross, pnls, (double)_tradedNotional);
        var benchmark = _spec.BenchmarkSymbol is { } symbol ? Benchmark(symbol, daily) : null;
        var summary = new BacktestSummary(_spec.InitialCapital, EquityRecomputed(), _cash, _barEvents, _spec.Strategy.WarmupBars, _warmupUsed,
            _traces.Count, _dropped, _fills.Count, _rejected);
        return new BacktestResult(summary, _equity, _trades, _fills, _positions, _traces, statistics, benchmark);
    }

    /// <summary>The last point of each New York trading day (a daily bar ends at midnight after its day, hence the tick back).</summary>
    private static List<EquityPoint> Daily(List<EquityPoint> points)
    {
        var daily = new List<EquityPoint>();
        DateOnly? day = null;
        foreach (var point in points)
        {
            var d = ExchangeTime.TradingDay(point.Time.AddTicks(-1));
            if (d == day)
            {
                daily[^1] = point;
            }
            else
            {
                daily.Add(point);
                day = d;
            }
        }

        return daily;
    }

    /// <summary>Buy-and-hold of the benchmark symbol, joined to the daily points as of each point's time (the latest bar
    /// ended by then), rebased to the initial capital at the first joined point.</summary>
    private BenchmarkReport? Benchmark(string symbol, List<EquityPoint> daily)
    {
        var factors = _spec.FactorRows is { } all && all.TryGetValue(symbol, out var rows) ? rows : null;
        var bars = _source.GetBars(symbol, _spec.Start, 0, _spec.End).Where(b => b.Start >= _spec.Start && b.End <= _spec.End)
            .Select(b => factors is null ? b : FactorFile.Adjust(factors, b)).ToList();
        var strategy = new List<double>(daily.Count);
        var curve = new List<BenchmarkPoint>(daily.Count);
        var k = 0;
        decimal first = 0m;
        foreach (var point in daily)
        {
            while (k < bars.Count && bars[k].End <= point.Time)
            {
                k++;
            }

            if (k == 0 || bars[k - 1].Close <= 0m)
            {
                continue;
            }

            var close = bars[k - 1].Close;
            if (first == 0m)
            {
                first = close;
            }

            strategy.Add(point.Equity);
            curve.Add(new BenchmarkPoint(point.Time, (double)(_spec.InitialCapital * close / first)));
        }

        return BenchmarkStatistics.Compute(symbol, strategy.ToArray(), curve);
    }

    /// <summary>A symbol's per-bar state.</summary>
    private struct SymbolState
    {
        public int Cursor; // index of the symbol's next bar in its array
        public int WarmupEnd; // bars before this index are warm-up: fed to the strategy, never traded
        public int BarEnd; // end of the symbol's range in its array
        public int StrategyIndex; // the symbol's index in Strategy.Symbols
        public double QtyD; // the position as a double, for the equity curve (zero exactly when the position is)
        public double CloseD; // the latest close as a double, kept while the position is open
        public int QtyScale; // the position's decimal scale, −1 when it has more than four decimals or is too large
        public int Pending; // the symbol's working orders (in _pending[i])
        public long QtyUnits; // the position in 10⁻⁴ units, valid when QtyScale ≥ 0
        public Int128 ValueUnits; // the position's market value in 10⁻⁸ units (see Revalue)
    }

    /// <summary>A signal's working order, with what its trace needs until the outcome is known.</summary>
    private readonly record struct PendingOrder(Signal Signal, int TraceIndex, WorkingOrder Order, Bar Bar, PortfolioState State);

    private sealed class Trip(TradeDirection direction, DateTimeOffset entryTime)
    {
        private TradeDirection _direction = direction;
        private DateTimeOffset _entryTime = entryTime;
        private decimal _entryQty, _entryNotional, _exitQty, _exitNotional, _fees, _realized, _max;

        public void Reset(TradeDirection direction, DateTimeOffset entryTime)
        {
            _direction = direction;
            _entryTime = entryTime;
            _entryQty = _entryNotional = _exitQty = _exitNotional = _fees = _realized = _max = 0m;
        }

        public decimal Held => _entryQty - _exitQty;

        public void Open(decimal quantity, decimal price, decimal fee)
        {
            _entryQty += quantity;
            _entryNotional += quantity * price;
            _fees += fee;
            _max = Math.Max(_max, Held);
        }

        public void Close(decimal quantity, decimal price, decimal fee, decimal pnl)
        {
            _exitQty += quantity;
            _exitNotional += quantity * price;
            _fees += fee;
            _realized += pnl;
        }

        public RoundTrip Finish(string symbol, DateTimeOffset exitTime) =>
            new(symbol, _direction, _entryTime, _entryNotional / _entryQty, exitTime, _exitNotional / _exitQty, _max, _fees, _realized - _fees, false);

        public RoundTrip Snapshot(string symbol, decimal unrealized) =>
            new(symbol, _direction, _entryTime, _entryNotional / _entryQty, null, _exitQty == 0m ? null : _exitNotional / _exitQty, _max, _fees,
                _realized + unrealized - _fees, true);
    }
}
