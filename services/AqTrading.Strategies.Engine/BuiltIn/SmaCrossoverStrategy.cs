using System.Globalization;
using System.Runtime.CompilerServices;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine.Catalog;

namespace AqTrading.Strategies.Engine.BuiltIn;

/// <param name="Mode"><c>long_flat</c>: long after a golden cross, flat after a death cross (long-only).
/// <c>long_short</c>: also short <c>quantity</c> after a death cross, reversing on the next golden cross.</param>
public sealed record SmaCrossoverParameters(int FastWindow = 10, int SlowWindow = 30, decimal Quantity = 100m, string Mode = "long_flat")
{
    public static SmaCrossoverParameters Read(StrategyParameters p)
    {
        var result = new SmaCrossoverParameters(
            p.Int("fastWindow", 10, 1, 10_000),
            p.Int("slowWindow", 30, 2, 10_000),
            p.Decimal("quantity", 100m, min: 0m, exclusiveMin: true),
            p.Choice("mode", "long_flat", "long_flat", "long_short"));
        if (result.FastWindow >= result.SlowWindow)
        {
            p.Error("fastWindow", $"'fastWindow' ({result.FastWindow}) must be shorter than 'slowWindow' ({result.SlowWindow}).");
        }

        return result;
    }
}

/// <summary>
/// Simple moving-average crossover on closes. A golden cross (fast SMA moves from at-or-below to above the slow SMA)
/// goes long <c>quantity</c>; a death cross (from at-or-above to below) exits the long, and in <c>long_short</c> mode goes
/// short <c>quantity</c>. It trades crosses, not levels, so a strategy started mid-trend waits for the next cross.
/// SMAs are decimal: sums of prices are exact, so equal averages compare equal and rounding never fakes a cross.
/// </summary>
/// <remarks>
/// O(1) per bar (the backtest engine feeds it millions of bars a second). Per symbol — arrays indexed by the symbol's
/// position in <see cref="Strategy.Symbols"/> — it keeps the last closes in a ring, running sums of the fast and slow
/// windows, and on which side the fast SMA was on the previous bar. The averages are compared as
/// <c>fastSum × slow</c> against <c>slowSum × fast</c>: exact, no division, and ordered like the averages. The sums are
/// kept in integer units of 0.0001 while every close of the symbol is a whole number of those units (prices with up to
/// four decimals: the usual case), which is exact and several times cheaper than decimal arithmetic; a close with more
/// decimals (e.g. a factor-adjusted price) moves the symbol to decimal sums for good, which are exact too. The averages a
/// signal reports are summed from the ring in decimal, oldest first, as the textbook SMA is. On the integer path the ring
/// holds each close as its units and decimal scale packed in one <c>long</c> (the close itself is made again from them,
/// exactly), so a bar writes one slot of one ring; a symbol that moves to decimal sums gets a ring of decimals then.
/// </remarks>
public sealed class SmaCrossoverStrategy : Strategy
{
    /// <summary>Units per 1.0 of price in the integer path (<see cref="DecimalUnits"/>): closes with at most this many
    /// decimals stay integer.</summary>
    private const int UnitDecimals = DecimalUnits.Decimals;

    /// <summary>With closes of at most <see cref="DecimalUnits.MaxUnits"/> units (10¹⁰ in price), the sums of a window of up
    /// to this many closes stay far inside a long, and their cross-products inside an Int128.</summary>
    private const int MaxIntegerWindow = 10_000;

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000];

    private static readonly string[] ScoreNames = ["fast_sma", "slow_sma", "spread"];

    /// <summary>Bits of a packed close that hold its decimal scale (0–4); the units are the bits above them.</summary>
    private const int ScaleBits = 3;

    private readonly decimal[]?[] _closes; // the decimal ring of a symbol on decimal sums (null while it is on integers)
    // The integer path's rings, units << ScaleBits | scale, one array for all symbols (symbol s: [s·length, (s+1)·length)),
    // so a bar reads no array header of its own symbol's.
    private readonly long[] _packed;
    private readonly Window[] _windows; // per symbol: what every bar reads and writes, together in one array element
    private readonly decimal[] _fastSum;
    private readonly decimal[] _slowSum;
    private readonly bool _integerPossible;
    private readonly int _length; // ring length: the longer window
    private readonly int _fast;
    private readonly int _slow;

    public SmaCrossoverStrategy(string id, IReadOnlyList<string> symbols, SmaCrossoverParameters parameters)
        : base(id, symbols)
    {
        Parameters = parameters;
        var n = Symbols.Count;
        var length = Math.Max(parameters.FastWindow, parameters.SlowWindow);
        _integerPossible = length <= MaxIntegerWindow;
        _length = length;
        _closes = new decimal[]?[n];
        _packed = _integerPossible ? new long[n * length] : [];
        for (var i = 0; i < n; i++)
        {
            _closes[i] = _integerPossible ? null : new decimal[length];
        }

        _fast = parameters.FastWindow;
        _slow = parameters.SlowWindow;
        _windows = new Window[n];
        _fastSum = new decimal[n];
        _slowSum = new decimal[n];
        Array.Fill(_windows, new Window { Decimal = !_integerPossible });
    }

    public SmaCrossoverParameters Parameters { get; }

    /// <summary>A cross compares this bar's SMAs with the previous bar's, so the slow SMA must exist on both: slow + 1 bars including the current one, i.e. <c>slowWindow</c> bars of warm-up.</summary>
    public override int WarmupBars => Parameters.SlowWindow;

    public override void OnStart(IStrategyContext context)
    {
        Array.Fill(_windows, new Window { Decimal = !_integerPossible });
        Array.Clear(_fastSum);
        Array.Clear(_slowSum);
    }

    public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) =>
        SymbolIndex(bar.Symbol) is >= 0 and var symbol ? OnBar(symbol, bar, context) : [];

    public override IReadOnlyList<Signal> OnBar(int symbol, Bar bar, IStrategyContext context)
    {
        var fastWindow = _fast;
        var slowWindow = _slow;
        var length = _length;
        ref var window = ref _windows[symbol];
        var seen = window.Count; // bars seen, counted up to slowWindow + 1 (all that matters)
        var slot = window.Next;
        var close = bar.Close;

        // Add this close to both windows; the closes leaving them are fastWindow and slowWindow bars back.
        int side;
        if (!window.Decimal && ToUnits(close, out var closeScale) is { } units)
        {
            var packed = Ring(symbol);
            var fastSum = window.FastUnits + units - (seen >= fastWindow ? packed[Back(slot, fastWindow, length)] >> ScaleBits : 0);
            var slowSum = window.SlowUnits + units - (seen >= slowWindow ? packed[Back(slot, slowWindow, length)] >> ScaleBits : 0);
            packed[slot] = (units << ScaleBits) | (long)closeScale;
            // The two slots the symbol's next bar reads (the slow window's is the one it writes), asked for now: the bars
            // of every other symbol come in between, and a backtest of hundreds of symbols would otherwise find them gone
            // from the cache by then (measured: docs/PERFORMANCE.md).
            var following = slot + 1 == length ? 0 : slot + 1;
            CacheHint.Prefetch(packed, following);
            CacheHint.Prefetch(packed, Back(following, fastWindow, length));
            window.FastUnits = fastSum;
            window.SlowUnits = slowSum;
            // Which side the fast SMA is on: sign(fastSum/fast − slowSum/slow) = sign(fastSum·slow − slowSum·fast).
            side = Math.BigMul(fastSum, (long)slowWindow).CompareTo(Math.BigMul(slowSum, (long)fastWindow));
        }
        else
        {
            side = DecimalSide(symbol, close, ref window, seen, slot);
        }

        window.Next = slot + 1 == length ? 0 : slot + 1;
        if (seen <= slowWindow)
        {
            window.Count = ++seen;
        }

        if (seen < slowWindow)
        {
            return [];
        }

        var before = window.Side;
        window.Side = side;
        if (seen == slowWindow)
        {
            return []; // the first slow SMA: nothing to cross from
        }

        var golden = before <= 0 && side > 0;
        var death = before >= 0 && side < 0;
        if (!golden && !death)
        {
            return [];
        }

        return Cross(symbol, bar, context, golden, slot, window.FastUnits, window.SlowUnits);
    }

    /// <summary>
    /// The signal of a cross, if the position is not already where it should be. Apart from <see cref="OnBar(int, Bar,
    /// IStrategyContext)"/>, which runs on every bar, so that the per-bar method stays small: this one's formatting and
    /// decimal locals would otherwise give every bar a large stack frame to set up and clear.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private IReadOnlyList<Signal> Cross(int symbol, Bar bar, IStrategyContext context, bool golden, int slot, long fastUnits, long slowUnits)
    {
        var fastWindow = _fast;
        var slowWindow = _slow;
        var fastNow = WindowSum(symbol, slot, fastWindow, fastUnits) / fastWindow;
        var slowNow = WindowSum(symbol, slot, slowWindow, slowUnits) / slowWindow;
        var scores = new FactorScoreList(ScoreNames,
            [(double)fastNow, (double)slowNow, slowNow == 0m ? 0 : (double)((fastNow - slowNow) / slowNow)]);
        var held = (context as StrategyContext)?.QuantityAt(symbol, bar.Symbol) ?? context.GetPosition(bar.Symbol)?.Quantity ?? 0m;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{(golden ? "Golden" : "Death")} cross: SMA{fastWindow} {Math.Round(fastNow, 4)} {(golden ? ">" : "<")} SMA{slowWindow} {Math.Round(slowNow, 4)}");
        var target = golden ? Parameters.Quantity : Parameters.Mode == "long_short" ? -Parameters.Quantity : 0m;
        var change = target - held;
        if (golden && held > 0m || change == 0m)
        {
            return [];
        }

        return change > 0m ? [Buy(context, bar.Symbol, change, reason, scores)] : [Sell(context, bar.Symbol, -change, reason, scores)];
    }

    /// <summary>The decimal path of <see cref="OnBar(int, Bar, IStrategyContext)"/> (a symbol with a close of more than four
    /// decimals): adds the close to the decimal windows and returns the side the fast SMA is on. Its own method, like
    /// <see cref="Cross"/>, to keep decimal locals out of the per-bar frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DecimalSide(int symbol, decimal close, ref Window window, int seen, int slot)
    {
        var fastWindow = _fast;
        var slowWindow = _slow;
        var length = _length;
        var ring = _closes[symbol]!; // set once the symbol is on decimal sums, as it is from here
        if (!window.Decimal)
        {
            // From here on this symbol sums in decimal: start from the closes already in the windows.
            window.Decimal = true;
            ring = _closes[symbol] ??= new decimal[length];
            var packed = Ring(symbol);
            for (var k = 0; k < length; k++)
            {
                ring[k] = Close(packed[k]);
            }

            _fastSum[symbol] = Sum(ring, Back(slot, 1, length), Math.Min(seen, fastWindow));
            _slowSum[symbol] = Sum(ring, Back(slot, 1, length), Math.Min(seen, slowWindow));
        }

        var fastSum = _fastSum[symbol] + close;
        if (seen >= fastWindow)
        {
            fastSum -= ring[Back(slot, fastWindow, length)];
        }

        var slowSum = _slowSum[symbol] + close;
        if (seen >= slowWindow)
        {
            slowSum -= ring[Back(slot, slowWindow, length)];
        }

        _fastSum[symbol] = fastSum;
        _slowSum[symbol] = slowSum;
        ring[slot] = close;
        return (fastSum * slowWindow).CompareTo(slowSum * fastWindow);
    }

    /// <summary>
    /// The sum of the window of <paramref name="count"/> closes ending at <paramref name="last"/>, as <see cref="Sum"/>
    /// gives it: in the integer path made from the window's running sum <paramref name="units"/> — the same value, and the same scale (a decimal sum keeps
    /// the largest scale of its terms) — instead of adding the window up again.
    /// </summary>
    private decimal WindowSum(int symbol, int last, int count, long units)
    {
        if (_windows[symbol].Decimal)
        {
            return Sum(_closes[symbol]!, last, count);
        }

        var packed = Ring(symbol);
        if (units <= 0)
        {
            var sum = 0m;
            for (var k = count - 1; k >= 0; k--)
            {
                sum += Close(packed[Back(last, k, packed.Length)]);
            }

            return sum;
        }

        var scale = 0;
        for (var k = 0; k < count; k++)
        {
            scale = Math.Max(scale, (int)(packed[Back(last, k, packed.Length)] & ((1 << ScaleBits) - 1)));
        }

        // A whole number of 10^−scale: every close of the window has at most that many decimals.
        var mantissa = (ulong)(units / Pow10[UnitDecimals - scale]);
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)scale);
    }

    /// <summary>A symbol's window state.</summary>
    private struct Window
    {
        public long FastUnits; // running sums in 0.0001 units (integer path)
        public long SlowUnits;
        public int Count; // bars seen, up to slowWindow + 1
        public int Next; // the ring slot the next close goes to
        public int Side; // sign of fast − slow on the previous bar
        public bool Decimal; // sums in decimal (_fastSum, _slowSum, _closes) from now on
    }

    /// <summary>The integer ring of <paramref name="symbol"/> in <see cref="_packed"/>.</summary>
    private Span<long> Ring(int symbol) => _packed.AsSpan(symbol * _length, _length);

    private static int Back(int slot, int bars, int length) => slot - bars < 0 ? slot - bars + length : slot - bars;

    /// <summary>The sum of the <paramref name="count"/> closes of the ring ending at <paramref name="last"/>, oldest first.</summary>
    private static decimal Sum(decimal[] ring, int last, int count)
    {
        var sum = 0m;
        for (var k = count - 1; k >= 0; k--)
        {
            sum += ring[Back(last, k, ring.Length)];
        }

        return sum;
    }

    /// <summary>The close a packed ring slot holds: the same decimal, scale included, as the bar's.</summary>
    private static decimal Close(long packed)
    {
        var scale = (int)(packed & ((1 << ScaleBits) - 1));
        var units = packed >> ScaleBits;
        var mantissa = (ulong)Math.Abs(units) / (ulong)Pow10[UnitDecimals - scale];
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, units < 0, (byte)scale);
    }

    /// <summary>The close as a whole number of 0.0001 units, or null when it has more decimals, is too large, or is a
    /// negative zero (which units could not give back).</summary>
    private static long? ToUnits(decimal close, out int scale) =>
        DecimalUnits.TryUnits(close, out var units, out scale) && (units != 0 || !decimal.IsNegative(close)) ? units : null;
}
