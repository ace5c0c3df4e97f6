using System.Globalization;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine.Catalog;

namespace AqTrading.Strategies.Engine.BuiltIn;

public sealed record MomentumParameters(int LookbackPeriod = 20, decimal Threshold = 0.02m, decimal PositionSize = 100m)
{
    public static MomentumParameters Read(StrategyParameters p) => new(
        p.Int("lookbackPeriod", 20, 2, 10_000),
        p.Decimal("threshold", 0.02m, min: 0m),
        p.Decimal("positionSize", 100m, min: 0m, exclusiveMin: true));
}

/// <summary>
/// Momentum (reference §7): keeps the last <c>lookbackPeriod</c> closes; momentum = (close − oldest) / oldest. Buys
/// <c>positionSize</c> when flat and momentum &gt; threshold; sells the whole position when long and momentum &lt; −threshold.
/// The ratio is computed in decimal, not double: it is a single division of prices, and decimal keeps the strict
/// inequalities exact at the boundary (a rise of exactly 2% does not trade at threshold 0.02).
/// </summary>
public sealed class MomentumStrategy(string id, IReadOnlyList<string> symbols, MomentumParameters parameters) : Strategy(id, symbols)
{
    private readonly Dictionary<string, Queue<decimal>> _closes = new(StringComparer.OrdinalIgnoreCase);

    public MomentumParameters Parameters { get; } = parameters;

    /// <summary>The window must be full: the first tradable bar is the one after <c>lookbackPeriod</c> bars.</summary>
    public override int WarmupBars => Parameters.LookbackPeriod;

    public override void OnStart(IStrategyContext context) => _closes.Clear();

    public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context)
    {
        if (!_closes.TryGetValue(bar.Symbol, out var closes))
        {
            _closes[bar.Symbol] = closes = new Queue<decimal>();
        }

        closes.Enqueue(bar.Close);
        if (closes.Count > Parameters.LookbackPeriod)
        {
            closes.Dequeue();
        }

        if (closes.Count < Parameters.LookbackPeriod || closes.Peek() == 0m)
        {
            return [];
        }

        var momentum = (bar.Close - closes.Peek()) / closes.Peek();
        var scores = new Dictionary<string, double> { ["momentum"] = (double)momentum };
        var held = context.GetPosition(bar.Symbol)?.Quantity ?? 0m;
        if (held <= 0m && momentum > Parameters.Threshold)
        {
            return [Buy(context, bar.Symbol, Parameters.PositionSize, $"Momentum {Percent(momentum)} > {Percent(Parameters.Threshold)}", scores)];
        }

        if (held > 0m && momentum < -Parameters.Threshold)
        {
            return [Sell(context, bar.Symbol, held, $"Momentum {Percent(momentum)} < -{Percent(Parameters.Threshold)}", scores)];
        }

        return [];
    }

    private static string Percent(decimal value) => value.ToString("P2", CultureInfo.InvariantCulture);
}
