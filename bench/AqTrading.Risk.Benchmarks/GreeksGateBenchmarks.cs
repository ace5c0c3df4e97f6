using AqTrading.Risk.Rules.Greeks;
using BenchmarkDotNet.Attributes;

namespace AqTrading.Risk.Benchmarks;

/// <summary>
/// The Greeks step of one pre-trade decision as the risk service runs it once the account's Greeks are cached: value
/// the order's own option contract (BSM Greeks from its OCC symbol) and compare the projection with the hard limits.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class GreeksGateBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly GreeksSettings Settings = new();
    private readonly GreeksAggregate _current = new(new DollarGreeks(50_000, 2_000, 5_000, -800), 10, 10, 1e6, 1e6, Now);

    [Benchmark]
    public GreeksGateResult OptionOrderImpactAndGate()
    {
        var impact = OrderGreeks.Impact("AAPL271217P00190000", 5, 100, 12.5, underlyingPrice: 200, volatility: 0.28, Settings, Now);
        return GreeksGate.Evaluate(_current, impact, GreeksLimits.Default, GreeksGateSettings.Default, Now);
    }
}
