using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.Catalog;
using AqTrading.Strategies.Registry;

namespace AqTrading.Strategies.IntegrationTests;

/// <summary>
/// The built-in kinds plus <c>throwing</c>, a strategy that fails on every bar, and <c>stop-entry</c>, which places one
/// breakout buy stop a dollar above its first bar's high with a stop-limit 50 cents above that.
/// </summary>
public sealed class TestStrategyFactory : IStrategyFactory
{
    private readonly BuiltInStrategyFactory _builtIn = new();

    public IReadOnlyList<string> Kinds => [.. _builtIn.Kinds, "throwing", "stop-entry"];

    public StrategyCreation Create(StrategySpec spec) => spec.Kind switch
    {
        "throwing" => new StrategyCreation(new Throwing(spec.Id, spec.Symbols), new Dictionary<string, string[]>()),
        "stop-entry" => new StrategyCreation(new StopEntry(spec.Id, spec.Symbols), new Dictionary<string, string[]>()),
        _ => _builtIn.Create(spec),
    };

    private sealed class Throwing(string id, IReadOnlyList<string> symbols) : Strategy(id, symbols)
    {
        public override int WarmupBars => 0;

        public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) =>
            throw new InvalidOperationException($"Division of {bar.Symbol} by zero in the test strategy");
    }

    private sealed class StopEntry(string id, IReadOnlyList<string> symbols) : Strategy(id, symbols)
    {
        private bool _placed;

        public override int WarmupBars => 0;

        public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context)
        {
            if (_placed)
            {
                return [];
            }

            _placed = true;
            return [Buy(context, bar.Symbol, 3m, "breakout", stopPrice: bar.High + 1m, limitPrice: bar.High + 1.5m)];
        }
    }
}
