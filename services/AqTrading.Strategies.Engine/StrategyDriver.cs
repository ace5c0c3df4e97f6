using System.Security.Cryptography;
using System.Text;
using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Engine;

/// <summary>What one bar did: the signals to send, and how many were suppressed because the symbol was still warming up.</summary>
public sealed record BarOutcome(IReadOnlyList<Signal> Signals, int Suppressed);

/// <summary>
/// Drives one strategy through its lifecycle with one context: the single place where bars, quotes and fills meet the
/// strategy, shared by the live runner and the replay runner so both apply the same warm-up, ordering and validation.
/// Not thread-safe: call it from one consumer at a time.
/// </summary>
public sealed class StrategyDriver
{
    /// <summary>At least this many bars per symbol are kept for <see cref="IStrategyContext.History"/>.</summary>
    public const int MinimumHistory = 100;

    private readonly Dictionary<string, int> _barsSeen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _lastBarEnd = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _symbols;
    private bool _started;

    public StrategyDriver(Strategy strategy, string accountId)
    {
        Strategy = strategy;
        Context = new StrategyContext(strategy.Id, accountId, Math.Max(MinimumHistory, strategy.WarmupBars));
        _symbols = new HashSet<string>(strategy.Symbols, StringComparer.OrdinalIgnoreCase);
    }

    public Strategy Strategy { get; }

    public StrategyContext Context { get; }

    /// <summary>True once every symbol has had its warm-up bars.</summary>
    public bool IsWarm => Strategy.Symbols.All(s => BarsSeen(s) >= Strategy.WarmupBars);

    public int BarsSeen(string symbol) => _barsSeen.GetValueOrDefault(symbol);

    public DateTimeOffset? LastBarEnd(string symbol) => _lastBarEnd.TryGetValue(symbol, out var end) ? end : null;

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
    public BarOutcome? OnBar(Bar bar)
    {
        if (!_symbols.Contains(bar.Symbol) || (LastBarEnd(bar.Symbol) is { } last && bar.End <= last))
        {
            return null;
        }

        _lastBarEnd[bar.Symbol] = bar.End;
        var seen = _barsSeen[bar.Symbol] = BarsSeen(bar.Symbol) + 1;
        Context.RecordBar(bar);
        var signals = Identify(Strategy.OnBar(bar, Context));
        if (seen <= Strategy.WarmupBars)
        {
            return new BarOutcome([], signals.Count);
        }

        return new BarOutcome(signals, 0);
    }

    /// <summary>Feeds a quote; its signals are suppressed while the symbol is warming up.</summary>
    public BarOutcome? OnQuote(Quote quote)
    {
        if (!_symbols.Contains(quote.Symbol))
        {
            return null;
        }

        Context.RecordQuote(quote);
        var signals = Identify(Strategy.OnQuote(quote, Context));
        return BarsSeen(quote.Symbol) < Strategy.WarmupBars ? new BarOutcome([], signals.Count) : new BarOutcome(signals, 0);
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

    /// <summary>A deterministic id: the same strategy, symbol, time and position in the callback's output give the same id.</summary>
    public static Guid SignalId(string strategyId, string symbol, DateTimeOffset time, int ordinal)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{strategyId}|{symbol}|{time.UtcTicks}|{ordinal}"));
        // RFC 9562 version 8 (custom) with the RFC variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private List<Signal> Identify(IReadOnlyList<Signal> signals)
    {
        var result = new List<Signal>(signals.Count);
        for (var i = 0; i < signals.Count; i++)
        {
            var signal = signals[i];
            Validate(signal);
            result.Add(signal with
            {
                Id = SignalId(Strategy.Id, signal.Symbol, signal.Time, i),
                Symbol = signal.Symbol.ToUpperInvariant(),
                StrategyId = Strategy.Id,
            });
        }

        return result;
    }

    private void Validate(Signal signal)
    {
        string? problem = null;
        if (!_symbols.Contains(signal.Symbol))
        {
            problem = $"symbol {signal.Symbol} is not one of its symbols";
        }
        else if (signal.Quantity <= 0m)
        {
            problem = $"quantity {signal.Quantity} is not positive";
        }
        else if (signal.OrderType == SignalOrderType.Limit && signal.LimitPrice is not > 0m)
        {
            problem = "a limit signal needs a positive limit price";
        }
        else if (signal.OrderType == SignalOrderType.Market && signal.LimitPrice is not null)
        {
            problem = "a market signal cannot carry a limit price";
        }

        if (problem is not null)
        {
            throw new InvalidOperationException($"Strategy {Strategy.Id} emitted an invalid signal: {problem}.");
        }
    }
}
