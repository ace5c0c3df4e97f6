using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.Catalog;
using AqTrading.Strategies.Registry;

namespace AqTrading.Strategies.IntegrationTests;

/// <summary>The built-in kinds plus <c>throwing</c>, a strategy that fails on every bar.</summary>
public sealed class TestStrategyFactory : IStrategyFactory
{
    private readonly BuiltInStrategyFactory _builtIn = new();

    public IReadOnlyList<string> Kinds => [.. _builtIn.Kinds, "throwing"];

    public StrategyCreation Create(StrategySpec spec) =>
        spec.Kind == "throwing" ? new StrategyCreation(new Throwing(spec.Id, spec.Symbols), new Dictionary<string, string[]>()) : _builtIn.Create(spec);

    private sealed class Throwing(string id, IReadOnlyList<string> symbols) : Strategy(id, symbols)
    {
        public override int WarmupBars => 0;

        public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) =>
            throw new InvalidOperationException($"Division of {bar.Symbol} by zero in the test strategy");
    }
}
