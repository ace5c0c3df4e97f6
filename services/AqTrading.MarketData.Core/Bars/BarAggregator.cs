using AqTrading.Contracts.MarketData;

namespace AqTrading.MarketData.Core.Bars;

/// <summary>
/// Builds OHLCV bars from price ticks, per symbol and resolution, on event time (not arrival time):
/// <list type="bullet">
/// <item>a bar closes when a tick of a later period arrives, or when <see cref="CloseDue"/> is called at or after its
/// end plus <see cref="Grace"/> (the idle timer, so a quiet symbol's last bar is not held back forever);</item>
/// <item>a tick older than the open bar's period, or of a period already closed, is late and ignored
/// (<see cref="LateTicks"/> counts them) — a closed bar is never reopened or published twice;</item>
/// <item>a tick inside the open bar but earlier than the latest seen widens high/low and adds volume, and sets the
/// open when it is the earliest, but does not move the close, which is the price of the latest tick;</item>
/// <item>a period without ticks produces no bar: gaps stay gaps, nothing is forward-filled.</item>
/// </list>
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class BarAggregator(IReadOnlyList<string> resolutions, TimeSpan grace)
{
    private readonly Dictionary<(string Symbol, string Resolution), State> _states = [];

    public BarAggregator() : this(Resolutions.All, TimeSpan.FromSeconds(2))
    {
    }

    /// <summary>How long after its end an idle bar waits for late ticks before <see cref="CloseDue"/> closes it.</summary>
    public TimeSpan Grace { get; } = grace;

    public long LateTicks { get; private set; }

    /// <summary>Adds a tick; returns the bars it closed (oldest first), usually none.</summary>
    public IReadOnlyList<Bar> Add(string symbol, DateTimeOffset time, decimal price, long volume)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegative(volume);
        symbol = symbol.ToUpperInvariant();
        time = time.ToUniversalTime();
        List<Bar>? closed = null;
        foreach (var resolution in resolutions)
        {
            var key = (symbol, resolution);
            if (!_states.TryGetValue(key, out var state))
            {
                _states[key] = state = new State();
            }

            if (time < state.ClosedUntil || state.Open is { } current && time < current.Start)
            {
                LateTicks++;
                continue;
            }

            if (state.Open is { } open && time >= open.End)
            {
                (closed ??= []).Add(open.ToBar(symbol, resolution));
                state.ClosedUntil = open.End;
                state.Open = null;
            }

            if (state.Open is null)
            {
                var (start, end) = Resolutions.PeriodOf(resolution, time);
                state.Open = new Builder(start, end, time, price, volume);
            }
            else
            {
                state.Open.Add(time, price, volume);
            }
        }

        return Sorted(closed);
    }

    /// <summary>Closes every open bar whose end plus <see cref="Grace"/> is at or before <paramref name="now"/>.</summary>
    public IReadOnlyList<Bar> CloseDue(DateTimeOffset now)
    {
        List<Bar>? closed = null;
        foreach (var ((symbol, resolution), state) in _states)
        {
            if (state.Open is { } open && open.End + Grace <= now)
            {
                (closed ??= []).Add(open.ToBar(symbol, resolution));
                state.ClosedUntil = open.End;
                state.Open = null;
            }
        }

        return Sorted(closed);
    }

    /// <summary>The bar being built for a symbol, if any (not yet complete).</summary>
    public Bar? Current(string symbol, string resolution) =>
        _states.GetValueOrDefault((symbol.ToUpperInvariant(), resolution))?.Open?.ToBar(symbol.ToUpperInvariant(), resolution);

    private static IReadOnlyList<Bar> Sorted(List<Bar>? bars)
    {
        if (bars is null)
        {
            return [];
        }

        // Minute bars before the daily bar that ends at the same instant; otherwise by time, then symbol.
        bars.Sort((a, b) => a.End != b.End ? a.End.CompareTo(b.End)
            : a.Resolution != b.Resolution ? (a.Resolution == Resolutions.Minute ? -1 : 1)
            : string.CompareOrdinal(a.Symbol, b.Symbol));
        return bars;
    }

    private sealed class State
    {
        public Builder? Open { get; set; }

        public DateTimeOffset ClosedUntil { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Builder(DateTimeOffset start, DateTimeOffset end, DateTimeOffset first, decimal price, long volume)
    {
        private DateTimeOffset _openTime = first;
        private DateTimeOffset _closeTime = first;
        private decimal _open = price, _high = price, _low = price, _close = price;
        private long _volume = volume;

        public DateTimeOffset Start { get; } = start;

        public DateTimeOffset End { get; } = end;

        public void Add(DateTimeOffset time, decimal price, long volume)
        {
            _high = Math.Max(_high, price);
            _low = Math.Min(_low, price);
            _volume += volume;
            if (time < _openTime)
            {
                _open = price;
                _openTime = time;
            }

            if (time >= _closeTime)
            {
                _close = price;
                _closeTime = time;
            }
        }

        public Bar ToBar(string symbol, string resolution) => new(symbol, resolution, Start, End, _open, _high, _low, _close, _volume);
    }
}
