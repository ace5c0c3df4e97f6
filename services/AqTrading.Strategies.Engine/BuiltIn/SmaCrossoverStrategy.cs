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
public sealed class SmaCrossoverStrategy(string id, IReadOnlyList<string> symbols, SmaCrossoverParameters parameters) : Strategy(id, symbols)
{
    private readonly Dictionary<string, List<decimal>> _closes = new(StringComparer.OrdinalIgnoreCase);

    public SmaCrossoverParameters Parameters { get; } = parameters;

    /// <summary>A cross compares this bar's SMAs with the previous bar's, so the slow SMA must exist on both: slow + 1 bars including the current one, i.e. <c>slowWindow</c> bars of warm-up.</summary>
    public override int WarmupBars => Parameters.SlowWindow;

    public override void OnStart(IStrategyContext context) => _closes.Clear();

    public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context)
    {
        if (!_closes.TryGetValue(bar.Symbol, out var closes))
        {
            _closes[bar.Symbol] = closes = [];
        }

        closes.Add(bar.Close);
        if (closes.Count > Parameters.SlowWindow + 1)
        {
            closes.RemoveAt(0);
        }

        if (closes.Count < Parameters.SlowWindow + 1)
        {
            return [];
        }

        var fastNow = Sma(closes, Parameters.FastWindow, 0);
        var slowNow = Sma(closes, Parameters.SlowWindow, 0);
        var fastBefore = Sma(closes, Parameters.FastWindow, 1);
        var slowBefore = Sma(closes, Parameters.SlowWindow, 1);
        var golden = fastBefore <= slowBefore && fastNow > slowNow;
        var death = fastBefore >= slowBefore && fastNow < slowNow;
        if (!golden && !death)
        {
            return [];
        }

        var scores = new Dictionary<string, double>
        {
            ["fast_sma"] = (double)fastNow,
            ["slow_sma"] = (double)slowNow,
            ["spread"] = slowNow == 0m ? 0 : (double)((fastNow - slowNow) / slowNow),
        };
        var held = context.GetPosition(bar.Symbol)?.Quantity ?? 0m;
        var reason = $"{(golden ? "Golden" : "Death")} cross: SMA{Parameters.FastWindow} {P(fastNow)} {(golden ? ">" : "<")} SMA{Parameters.SlowWindow} {P(slowNow)}";
        var target = golden ? Parameters.Quantity : Parameters.Mode == "long_short" ? -Parameters.Quantity : 0m;
        var change = target - held;
        if (golden && held > 0m || change == 0m)
        {
            return [];
        }

        return change > 0m ? [Buy(context, bar.Symbol, change, reason, scores)] : [Sell(context, bar.Symbol, -change, reason, scores)];
    }

    private static decimal Sma(List<decimal> closes, int window, int barsBack)
    {
        var sum = 0m;
        var end = closes.Count - barsBack;
        for (var i = end - window; i < end; i++)
        {
            sum += closes[i];
        }

        return sum / window;
    }

    private static string P(decimal value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);
}
