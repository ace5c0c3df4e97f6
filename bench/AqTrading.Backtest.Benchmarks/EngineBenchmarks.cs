using AqTrading.Backtest.Engine;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.BuiltIn;
using BenchmarkDotNet.Attributes;

namespace AqTrading.Backtest.Benchmarks;

/// <summary>
/// One whole run (data already in memory, as the service holds it after loading) of 100 symbols × 2,520 daily bars
/// (10 years) = 252,000 bar events, with trading. Times and allocations are per bar event (OperationsPerInvoke), so
/// bar-events/s = 10⁹ / Mean(ns). <see cref="SmaCrossover"/> is the built-in strategy through the shared API;
/// <see cref="NoSignals"/> is a strategy that does nothing, i.e. the engine and StrategyDriver alone.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Symbols = 100;
    private const int Days = 2_520;
    private const int Events = Symbols * Days;

    private InMemoryBarSource _source = null!;
    private string[] _symbols = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A seeded random walk per symbol, so every run sees the same bars.
        var random = new Random(42);
        _symbols = Enumerable.Range(0, Symbols).Select(i => $"S{i:D3}").ToArray();
        var bars = new List<Bar>(Events);
        var day0 = new DateTimeOffset(2010, 1, 4, 0, 0, 0, TimeSpan.Zero);
        foreach (var symbol in _symbols)
        {
            var price = 50.0 + random.NextDouble() * 100;
            for (var d = 0; d < Days; d++)
            {
                var open = price;
                price *= 1 + (random.NextDouble() - 0.5) * 0.04;
                var close = price;
                var high = Math.Max(open, close) * 1.005;
                var low = Math.Min(open, close) * 0.995;
                bars.Add(new Bar(symbol, "1d", day0.AddDays(d), day0.AddDays(d + 1), R(open), R(high), R(low), R(close), 1_000_000));
            }
        }

        _source = new InMemoryBarSource(bars);
        var check = SmaCrossover();
        if (check.Fills.Count < 1_000)
        {
            throw new InvalidOperationException($"Expected a trading run, got {check.Fills.Count} fills.");
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public BacktestResult SmaCrossover() => Run(new SmaCrossoverStrategy("sma", _symbols, new SmaCrossoverParameters(10, 30, 10m, "long_short")), 30);

    [Benchmark(OperationsPerInvoke = Events)]
    public BacktestResult NoSignals() => Run(new Idle(_symbols), 0);

    private BacktestResult Run(Strategy strategy, int warmupDays)
    {
        var start = new DateTimeOffset(2010, 1, 4, 0, 0, 0, TimeSpan.Zero).AddDays(warmupDays);
        var spec = new BacktestSpec(strategy, start, start.AddYears(20), 10_000_000m, Account: AccountModel.MarginAccount(), BenchmarkSymbol: null);
        return BacktestEngine.Run(spec, _source);
    }

    private static decimal R(double value) => Math.Round((decimal)value, 2);

    private sealed class Idle(IReadOnlyList<string> symbols) : Strategy("idle", symbols)
    {
        public override int WarmupBars => 0;
    }
}
