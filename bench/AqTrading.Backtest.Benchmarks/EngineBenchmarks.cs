using AqTrading.Backtest.Engine;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.BuiltIn;
using BenchmarkDotNet.Attributes;

namespace AqTrading.Backtest.Benchmarks;

/// <summary>
/// One whole <see cref="BacktestEngine.Run"/> (data already in memory, as the service holds it after loading) of
/// 500 symbols × 2,520 daily bars (10 years) = 1,260,000 bar events, with trading, on one thread: loading the bars from
/// the source, the event loop, and the results with their statistics. Times and allocations are per bar event
/// (OperationsPerInvoke), so bar-events/s = 10⁹ / Mean(ns).
/// <see cref="SmaCrossover"/>: the built-in strategy through the shared strategy API, 10/30 long-short — on these random
/// walks it signals on ≈ 3.9 % of bars (a fill about every 26 bar events). <see cref="SmaCrossover50x200"/>: the same
/// strategy with the classic 50/200 windows, which trades ≈ 6× less often. <see cref="NoSignals"/>: a strategy that does
/// nothing, i.e. the engine and StrategyDriver alone.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Symbols = 500;
    private const int Days = 2_520;
    internal const int Events = Symbols * Days;

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
        foreach (var (name, run) in new (string, Func<BacktestResult>)[] { ("10/30", SmaCrossover), ("50/200", SmaCrossover50x200) })
        {
            var check = run();
            if (check.Fills.Count < 1_000 || check.Summary.BarEvents != Events)
            {
                throw new InvalidOperationException($"Expected a trading run over {Events} bars, got {check.Fills.Count} fills over {check.Summary.BarEvents}.");
            }

            Console.WriteLine($"// SMA {name}: {check.Summary.Signals} signals, {check.Fills.Count} fills, {check.Summary.Rejected} rejected over {Events} bar events");
        }
    }

    /// <summary>Every benchmark by name, for the harness's own modes (<c>--cpu-time</c>, <c>--digest</c>).</summary>
    internal (string Name, Func<BacktestResult> Run)[] All() =>
        [(nameof(SmaCrossover), SmaCrossover), (nameof(SmaCrossover50x200), SmaCrossover50x200), (nameof(NoSignals), NoSignals)];

    [Benchmark(OperationsPerInvoke = Events)]
    public BacktestResult SmaCrossover() => Run(new SmaCrossoverStrategy("sma", _symbols, new SmaCrossoverParameters(10, 30, 10m, "long_short")), 30);

    [Benchmark(OperationsPerInvoke = Events)]
    public BacktestResult SmaCrossover50x200() => Run(new SmaCrossoverStrategy("sma", _symbols, new SmaCrossoverParameters(50, 200, 10m, "long_short")), 200);

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
