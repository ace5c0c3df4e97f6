using System.Globalization;
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
/// O(1) per bar: per symbol (arrays indexed by the symbol's position in <see cref="Strategy.Symbols"/>) it keeps the last
/// <c>slowWindow</c> closes in a ring, running sums of the fast and slow windows, and on which side the fast SMA was on the
/// previous bar. The averages are compared as <c>fastSum × slow</c> against <c>slowSum × fast</c>, which is exact (no
/// division, so no rounding at the 28th digit) and orders the same as the averages. Sums stay exact because decimal
/// addition and subtraction of prices are exact.
/// </remarks>
public sealed class SmaCrossoverStrategy : Strategy
{
    private readonly decimal[][] _closes;
    private readonly int[] _count;
    private readonly int[] _next;
    private readonly decimal[] _fastSum;
    private readonly decimal[] _slowSum;
    private readonly int[] _side;
    private readonly decimal _fast;
    private readonly decimal _slow;

    public SmaCrossoverStrategy(string id, IReadOnlyList<string> symbols, SmaCrossoverParameters parameters)
        : base(id, symbols)
    {
        Parameters = parameters;
        var n = Symbols.Count;
        _closes = new decimal[n][];
        for (var i = 0; i < n; i++)
        {
            _closes[i] = new decimal[Math.Max(parameters.FastWindow, parameters.SlowWindow)];
        }

        _count = new int[n];
        _next = new int[n];
        _fastSum = new decimal[n];
        _slowSum = new decimal[n];
        _side = new int[n];
        _fast = parameters.FastWindow;
        _slow = parameters.SlowWindow;
    }

    public SmaCrossoverParameters Parameters { get; }

    /// <summary>A cross compares this bar's SMAs with the previous bar's, so the slow SMA must exist on both: slow + 1 bars including the current one, i.e. <c>slowWindow</c> bars of warm-up.</summary>
    public override int WarmupBars => Parameters.SlowWindow;

    public override void OnStart(IStrategyContext context)
    {
        Array.Clear(_count);
        Array.Clear(_next);
        Array.Clear(_fastSum);
        Array.Clear(_slowSum);
        Array.Clear(_side);
    }

    public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) =>
        SymbolIndex(bar.Symbol) is >= 0 and var symbol ? OnBar(symbol, bar, context) : [];

    public override IReadOnlyList<Signal> OnBar(int symbol, Bar bar, IStrategyContext context)
    {
        var fastWindow = Parameters.FastWindow;
        var slowWindow = Parameters.SlowWindow;
        var ring = _closes[symbol];
        var seen = _count[symbol]; // bars seen, counted up to slowWindow + 1 (all that matters)
        var slot = _next[symbol];
        var close = bar.Close;

        // The closes leaving the windows: fastWindow and slowWindow bars back.
        var fastSum = _fastSum[symbol] + close;
        if (seen >= fastWindow)
        {
            fastSum -= ring[Back(slot, fastWindow, ring.Length)];
        }

        var slowSum = _slowSum[symbol] + close;
        if (seen >= slowWindow)
        {
            slowSum -= ring[Back(slot, slowWindow, ring.Length)];
        }

        ring[slot] = close;
        _next[symbol] = slot + 1 == ring.Length ? 0 : slot + 1;
        _fastSum[symbol] = fastSum;
        _slowSum[symbol] = slowSum;
        if (seen <= slowWindow)
        {
            _count[symbol] = ++seen;
        }

        if (seen < slowWindow)
        {
            return [];
        }

        // Which side the fast SMA is on: sign(fastSum/fast − slowSum/slow) = sign(fastSum·slow − slowSum·fast).
        var side = (fastSum * _slow).CompareTo(slowSum * _fast);
        var before = _side[symbol];
        _side[symbol] = side;
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

        var fastNow = fastSum / fastWindow;
        var slowNow = slowSum / slowWindow;
        var scores = new Dictionary<string, double>
        {
            ["fast_sma"] = (double)fastNow,
            ["slow_sma"] = (double)slowNow,
            ["spread"] = slowNow == 0m ? 0 : (double)((fastNow - slowNow) / slowNow),
        };
        var held = context.GetPosition(bar.Symbol)?.Quantity ?? 0m;
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

    private static int Back(int slot, int bars, int length) => slot - bars < 0 ? slot - bars + length : slot - bars;
}
