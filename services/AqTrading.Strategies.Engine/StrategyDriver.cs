using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Engine;

/// <summary>What one bar did: the signals to send, and how many were suppressed because the symbol was still warming up.</summary>
public sealed record BarOutcome(IReadOnlyList<Signal> Signals, int Suppressed)
{
    /// <summary>No signal and nothing suppressed: the outcome of most bars, shared so that such a bar allocates nothing.</summary>
    public static BarOutcome None { get; } = new([], 0);
}

/// <summary>
/// Drives one strategy through its lifecycle with one context: the single place where bars, quotes and fills meet the
/// strategy, shared by the live runner and the replay runner so both apply the same warm-up, ordering and validation.
/// Not thread-safe: call it from one consumer at a time.
/// </summary>
/// <remarks>
/// Per-symbol state (bars seen, last bar end, the context's history and marks) is kept in arrays indexed by the symbol's
/// position in <see cref="Engine.Strategy.Symbols"/>: <see cref="OnBar(Bar)"/> finds that index with one lookup, and a
/// caller that already knows it (the backtest engine) passes it to <see cref="OnBar(int, Bar)"/>, so the per-bar path
/// does no string hashing and, for a bar without signals, allocates nothing.
/// </remarks>
public sealed class StrategyDriver
{
    /// <summary>At least this many bars per symbol are kept for <see cref="IStrategyContext.History"/>.</summary>
    public const int MinimumHistory = 100;

    private readonly string[] _symbols;
    private readonly int[] _barsSeen;
    private readonly long[] _lastBarEnd;
    private readonly long[] _lastQuoteTime; // per symbol: the time of its latest quote (UTC ticks) …
    private readonly int[] _quotesAtTime; // … and how many of its quotes at that same time came right before it
    private readonly bool _strategyHearsFills; // overrides Strategy.OnFill
    private bool _started;

    public StrategyDriver(Strategy strategy, string accountId)
    {
        Strategy = strategy;
        Context = new StrategyContext(strategy.Id, accountId, Math.Max(MinimumHistory, strategy.WarmupBars), strategy.Symbols);
        _symbols = [.. strategy.Symbols];
        _barsSeen = new int[strategy.Symbols.Count];
        _lastBarEnd = new long[strategy.Symbols.Count];
        _lastQuoteTime = new long[strategy.Symbols.Count];
        Array.Fill(_lastQuoteTime, long.MinValue);
        _quotesAtTime = new int[strategy.Symbols.Count];
        _strategyHearsFills = strategy.GetType().GetMethod(nameof(Strategy.OnFill), [typeof(StrategyFill), typeof(IStrategyContext)])!.DeclaringType
            != typeof(Strategy);
    }

    public Strategy Strategy { get; }

    public StrategyContext Context { get; }

    /// <summary>True once every symbol has had its warm-up bars.</summary>
    public bool IsWarm => _barsSeen.All(seen => seen >= Strategy.WarmupBars);

    public int BarsSeen(string symbol) => Strategy.SymbolIndex(symbol) is >= 0 and var i ? _barsSeen[i] : 0;

    public DateTimeOffset? LastBarEnd(string symbol) =>
        Strategy.SymbolIndex(symbol) is >= 0 and var i && _barsSeen[i] > 0 ? new DateTimeOffset(_lastBarEnd[i], TimeSpan.Zero) : null;

    public void Start()
    {
        _started = true;
        Strategy.OnStart(Context);
    }

    public void Stop()
    {
        if (_started)
        {
            _started = false;
            Strategy.OnStop(Context);
        }
    }

    /// <summary>
    /// Feeds a completed bar. A bar of another symbol, or one that does not end after the symbol's previous bar (a
    /// duplicate, or history overlapping live data) is ignored and returns null.
    /// </summary>
    public BarOutcome? OnBar(Bar bar) => Strategy.SymbolIndex(bar.Symbol) is >= 0 and var i ? Feed(i, bar) : null;

    /// <summary>
    /// <see cref="OnBar(Bar)"/> for a caller that knows the bar's symbol index in <see cref="Engine.Strategy.Symbols"/>
    /// (see <see cref="Engine.Strategy.SymbolIndex"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The bar is not of that symbol.</exception>
    public BarOutcome? OnBar(int symbol, Bar bar)
    {
        var expected = _symbols[symbol];
        if (!ReferenceEquals(expected, bar.Symbol) && !string.Equals(expected, bar.Symbol, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"A bar of {bar.Symbol} was given as symbol {symbol} ({expected}).", nameof(bar));
        }

        return Feed(symbol, bar);
    }

    private BarOutcome? Feed(int i, Bar bar)
    {
        // UtcTicks: DateTimeOffset compares instants, so this is the same test as bar.End <= last.
        var end = bar.End.UtcTicks;
        var seen = _barsSeen[i];
        if (seen > 0 && end <= _lastBarEnd[i])
        {
            return null;
        }

        _lastBarEnd[i] = end;
        _barsSeen[i] = ++seen;
        Context.RecordBar(i, bar);
        var signals = Strategy.OnBar(i, bar, Context);
        // Most bars return an empty array (`[]`): its length is read directly, an interface call on an array costs more.
        if (signals is Signal[] { Length: 0 } || signals.Count == 0)
        {
            return BarOutcome.None;
        }

        return Outcome(signals, i, seen);
    }

    /// <summary>A bar's signals, identified (or counted as suppressed while the symbol warms up). Not inlined into
    /// <see cref="Feed"/>, the per-bar path, whose stack frame would otherwise carry this rarer path's locals.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private BarOutcome Outcome(IReadOnlyList<Signal> signals, int i, int seen)
    {
        var identified = Identify(signals, i, quote: -1);
        return seen <= Strategy.WarmupBars ? new BarOutcome([], identified.Length) : new BarOutcome(identified, 0);
    }

    /// <summary>Feeds a quote; its signals are suppressed while the symbol is warming up.</summary>
    public BarOutcome? OnQuote(Quote quote)
    {
        if (Strategy.SymbolIndex(quote.Symbol) is not (>= 0 and var i))
        {
            return null;
        }

        Context.RecordQuote(quote);
        var time = quote.Time.UtcTicks;
        _quotesAtTime[i] = _lastQuoteTime[i] == time ? _quotesAtTime[i] + 1 : 0;
        _lastQuoteTime[i] = time;
        var signals = Strategy.OnQuote(quote, Context);
        if (signals.Count == 0)
        {
            return BarOutcome.None;
        }

        var identified = Identify(signals, i, _quotesAtTime[i]);
        return _barsSeen[i] < Strategy.WarmupBars ? new BarOutcome([], identified.Length) : new BarOutcome(identified, 0);
    }

    /// <summary>Applies a fill and tells the strategy; false when the fill id was applied before (nothing happens).</summary>
    public bool OnFill(StrategyFill fill)
    {
        if (!Context.ApplyFill(fill))
        {
            return false;
        }

        Strategy.OnFill(fill, Context);
        return true;
    }

    /// <summary>
    /// <see cref="OnFill"/> for a simulator: a fill of the symbol with index <paramref name="symbol"/> in
    /// <see cref="Engine.Strategy.Symbols"/>, of order <paramref name="orderId"/>, whose id the caller made and has never
    /// given before (the backtest engine's <c>bt-{signal id}</c>), applied without the duplicate check — a live fill, which
    /// a broker may redeliver, goes through <see cref="OnFill"/>. The <see cref="StrategyFill"/> is made only for a
    /// strategy that overrides <see cref="Engine.Strategy.OnFill"/>.
    /// </summary>
    public void OnSimulatedFill(int symbol, string fillId, Guid orderId, SignalSide side, decimal quantity, decimal price, decimal fees,
        DateTimeOffset time)
    {
        Context.ApplyNewFill(symbol, orderId, side, quantity, price, fees, time);
        if (_strategyHearsFills)
        {
            Strategy.OnFill(new StrategyFill(fillId, orderId, _symbols[symbol], side, quantity, price, fees, time), Context);
        }
    }

    /// <summary>A deterministic id: the same strategy, symbol, time and position in the callback's output give the same id.</summary>
    public static Guid SignalId(string strategyId, string symbol, DateTimeOffset time, int ordinal) => SignalId(strategyId, symbol, time, ordinal, null);

    /// <summary>
    /// <see cref="SignalId(string, string, DateTimeOffset, int)"/> with the event that produced the signal when it is not a
    /// bar of the signal's own symbol: <paramref name="source"/> (see <see cref="Source"/>) is appended to the hashed text,
    /// so a quote, a second quote of the same instant, or a bar of another symbol never gives a signal the id of one from
    /// the bar of its own symbol at that time. Null leaves the text, and so the id, as it always was.
    /// </summary>
    public static Guid SignalId(string strategyId, string symbol, DateTimeOffset time, int ordinal, string? source)
    {
        // SHA-256 of the UTF-8 of "{strategyId}|{symbol}|{UtcTicks}|{ordinal}" (then "|{source}" when given), formatted
        // into a stack buffer rather than through a string and a byte array, and hashed in managed code (SignalIdHash): the
        // backtest engine makes one id per signal, tens of thousands per run.
        var size = Encoding.UTF8.GetMaxByteCount(strategyId.Length + symbol.Length + (source?.Length ?? 0)) + 48;
        Span<byte> text = size <= 512 ? stackalloc byte[512] : new byte[size];
        var written = source is null
            ? Utf8.TryWrite(text, CultureInfo.InvariantCulture, $"{strategyId}|{symbol}|{time.UtcTicks}|{ordinal}", out var length)
            : Utf8.TryWrite(text, CultureInfo.InvariantCulture, $"{strategyId}|{symbol}|{time.UtcTicks}|{ordinal}|{source}", out length);
        if (!written)
        {
            throw new InvalidOperationException("The signal id buffer is too small."); // cannot happen: sized for the worst case
        }

        Span<byte> hash = stackalloc byte[32];
        SignalIdHash.Sha256(text[..length], hash);
        // RFC 9562 version 8 (custom) with the RFC variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>
    /// The event part of a signal's id: null for a bar of the signal's own symbol (the usual case, whose ids are those of
    /// the four-part text), <c>bar:{symbol}</c> for a bar of another symbol, <c>quote:{n}:{symbol}</c> for a quote of
    /// <paramref name="eventSymbol"/> that follows n (from 0) quotes of it with the same time. The event's symbol comes
    /// last, so no two events share a text. (A feed that sends a symbol's quotes out of time order, T, T′, T, would give
    /// the two quotes at T the same n: quotes are expected in time order, as bars are.)
    /// </summary>
    public static string? Source(string signalSymbol, string eventSymbol, int quote) =>
        quote >= 0 ? string.Create(CultureInfo.InvariantCulture, $"quote:{quote}:{eventSymbol}")
        : string.Equals(signalSymbol, eventSymbol, StringComparison.OrdinalIgnoreCase) ? null
        : $"bar:{eventSymbol}";

    /// <param name="signals">The callback's output.</param>
    /// <param name="eventSymbol">The index of the symbol whose bar or quote the callback was given.</param>
    /// <param name="quote">For a quote, how many quotes of that symbol with its time came right before it; −1 for a bar.</param>
    private Signal[] Identify(IReadOnlyList<Signal> signals, int eventSymbol, int quote)
    {
        var result = new Signal[signals.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var signal = signals[i];
            var symbol = Validate(signal);
            result[i] = signal with
            {
                Id = SignalId(Strategy.Id, signal.Symbol, signal.Time, i,
                    symbol == eventSymbol && quote < 0 ? null : Source(_symbols[symbol], _symbols[eventSymbol], quote)),
                Symbol = _symbols[symbol], // its upper-case spelling
                StrategyId = Strategy.Id,
            };
        }

        return result;
    }

    /// <summary>Throws when the signal is invalid; returns the index of its symbol.</summary>
    private int Validate(Signal signal)
    {
        string? problem = null;
        var symbol = Strategy.SymbolIndex(signal.Symbol);
        if (symbol < 0)
        {
            problem = $"symbol {signal.Symbol} is not one of its symbols";
        }
        else if (signal.Quantity <= 0m)
        {
            problem = $"quantity {signal.Quantity} is not positive";
        }
        else if (!Enum.IsDefined(signal.OrderType))
        {
            problem = $"order type {signal.OrderType} is unknown";
        }
        else if (signal.OrderType is SignalOrderType.Limit or SignalOrderType.StopLimit ? signal.LimitPrice is not > 0m : signal.LimitPrice is not null)
        {
            problem = signal.LimitPrice is null or <= 0m
                ? $"a {Name(signal.OrderType)} signal needs a positive limit price"
                : $"a {Name(signal.OrderType)} signal cannot carry a limit price";
        }
        else if (signal.OrderType is SignalOrderType.Stop or SignalOrderType.StopLimit ? signal.StopPrice is not > 0m : signal.StopPrice is not null)
        {
            problem = signal.StopPrice is null or <= 0m
                ? $"a {Name(signal.OrderType)} signal needs a positive stop price"
                : $"a {Name(signal.OrderType)} signal cannot carry a stop price";
        }

        if (problem is not null)
        {
            throw new InvalidOperationException($"Strategy {Strategy.Id} emitted an invalid signal: {problem}.");
        }

        return symbol;
    }

    private static string Name(SignalOrderType type) => type == SignalOrderType.StopLimit ? "stop-limit" : type.ToString().ToLowerInvariant();
}
