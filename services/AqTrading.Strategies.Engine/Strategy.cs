using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Engine;

/// <summary>
/// A trading strategy: pure decision logic with no I/O. The live runner (strategies service) and the backtest engine
/// call the same instance through the same methods; only the data source, the clock and the fills differ. Callbacks
/// arrive strictly one at a time and in order, so an implementation keeps plain (non-thread-safe) state.
/// </summary>
public abstract class Strategy
{
    protected Strategy(string id, IReadOnlyList<string> symbols)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (symbols.Count == 0)
        {
            throw new ArgumentException("A strategy needs at least one symbol.", nameof(symbols));
        }

        Id = id;
        Symbols = symbols.Select(s => s.ToUpperInvariant()).Distinct().ToArray();
        _symbolIndex = new Dictionary<string, int>(Symbols.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Symbols.Count; i++)
        {
            _symbolIndex[Symbols[i]] = i;
        }
    }

    private readonly Dictionary<string, int> _symbolIndex;

    public string Id { get; }

    /// <summary>The symbols the strategy trades, upper case; it receives bars and quotes of these only.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>
    /// How many bars of a symbol the strategy must have seen before a bar of that symbol can produce a valid signal.
    /// Signals made on a symbol's first <see cref="WarmupBars"/> bars are suppressed; the live runner loads that many
    /// bars of history per symbol before it listens to live bars, so the first live bar is tradable.
    /// </summary>
    public abstract int WarmupBars { get; }

    /// <summary>Whether the strategy wants <see cref="OnQuote"/> (the live runner only subscribes to quotes then).</summary>
    public virtual bool WantsQuotes => false;

    /// <summary>Called once before any data; resets per-run state.</summary>
    public virtual void OnStart(IStrategyContext context)
    {
    }

    /// <summary>A completed bar of one of <see cref="Symbols"/>; the context already includes it in its history.</summary>
    public virtual IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) => [];

    /// <summary>
    /// The same callback with the bar's position in <see cref="Symbols"/> (<paramref name="symbol"/>), which is what
    /// <see cref="StrategyDriver"/> calls on every path, live and backtest. By default it forwards to
    /// <see cref="OnBar(Bar, IStrategyContext)"/>. A strategy that keeps per-symbol state overrides this one and keeps the
    /// state in arrays indexed by <paramref name="symbol"/>, so a bar costs no string hashing (the backtest engine feeds
    /// millions of bars a second through here); its two-argument <c>OnBar</c> then forwards here with
    /// <see cref="SymbolIndex"/>.
    /// </summary>
    public virtual IReadOnlyList<Signal> OnBar(int symbol, Bar bar, IStrategyContext context) => OnBar(bar, context);

    /// <summary>The position of <paramref name="symbol"/> in <see cref="Symbols"/> (case-insensitive), or −1.</summary>
    public int SymbolIndex(string symbol) => _symbolIndex.TryGetValue(symbol, out var index) ? index : -1;

    public virtual IReadOnlyList<Signal> OnQuote(Quote quote, IStrategyContext context) => [];

    /// <summary>One of the strategy's orders was (partly) filled; the context's positions and P&amp;L already include it.</summary>
    public virtual void OnFill(StrategyFill fill, IStrategyContext context)
    {
    }

    public virtual void OnStop(IStrategyContext context)
    {
    }

    /// <summary>A buy: market with no prices, limit with <paramref name="limitPrice"/>, stop with <paramref name="stopPrice"/>
    /// (e.g. a breakout entry above the market), stop-limit with both.</summary>
    protected Signal Buy(IStrategyContext context, string symbol, decimal quantity, string reason,
        IReadOnlyDictionary<string, double>? factorScores = null, decimal? limitPrice = null, decimal? stopPrice = null) =>
        Make(context, symbol, SignalSide.Buy, quantity, reason, factorScores, limitPrice, stopPrice);

    /// <summary>A sell: market, limit, stop (e.g. a protective stop-loss below the market) or stop-limit, as for <see cref="Buy"/>.</summary>
    protected Signal Sell(IStrategyContext context, string symbol, decimal quantity, string reason,
        IReadOnlyDictionary<string, double>? factorScores = null, decimal? limitPrice = null, decimal? stopPrice = null) =>
        Make(context, symbol, SignalSide.Sell, quantity, reason, factorScores, limitPrice, stopPrice);

    private Signal Make(IStrategyContext context, string symbol, SignalSide side, decimal quantity, string reason,
        IReadOnlyDictionary<string, double>? factorScores, decimal? limitPrice, decimal? stopPrice) =>
        new(Guid.Empty, Id, symbol.ToUpperInvariant(), side, quantity, TypeOf(limitPrice, stopPrice),
            limitPrice, reason, context.Now, factorScores ?? new Dictionary<string, double>(), stopPrice);

    private static SignalOrderType TypeOf(decimal? limitPrice, decimal? stopPrice) => (limitPrice, stopPrice) switch
    {
        (null, null) => SignalOrderType.Market,
        (not null, null) => SignalOrderType.Limit,
        (null, not null) => SignalOrderType.Stop,
        _ => SignalOrderType.StopLimit,
    };
}
