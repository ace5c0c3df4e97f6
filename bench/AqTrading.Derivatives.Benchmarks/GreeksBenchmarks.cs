using AqTrading.Derivatives.Pricing.Options;
using BenchmarkDotNet.Attributes;

namespace AqTrading.Derivatives.Benchmarks;

/// <summary>
/// Full Greek sets (price, delta, gamma, vega, theta, theta per day, rho) per second for a portfolio of 4,096 options
/// with random terms, on one thread. Times are per option (OperationsPerInvoke), so sets/s = 10⁹ / Mean(ns).
/// <see cref="BsmBatch"/> is the vectorised batch API (the target: ≥ 20 M/s per core); <see cref="BsmOneByOne"/> the
/// single-contract API in a loop, for comparison; <see cref="AmericanBatch"/> the tree (seven 301-step trees each).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class GreeksBenchmarks
{
    private const int Options = 4_096;

    private readonly OptionInputs[] _inputs = new OptionInputs[Options];
    private readonly OptionGreeks[] _results = new OptionGreeks[Options];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Options; i++)
        {
            _inputs[i] = new OptionInputs(
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                Spot: 50 + random.NextDouble() * 100,
                Strike: 50 + random.NextDouble() * 100,
                Years: 0.02 + random.NextDouble() * 2,
                Rate: random.NextDouble() * 0.06,
                DividendYield: random.NextDouble() * 0.03,
                Volatility: 0.1 + random.NextDouble() * 0.6);
        }
    }

    [Benchmark(OperationsPerInvoke = Options, Baseline = true)]
    public void BsmBatch() => BlackScholesMerton.Greeks(_inputs, _results);

    [Benchmark(OperationsPerInvoke = Options)]
    public void BsmOneByOne()
    {
        for (var i = 0; i < Options; i++)
        {
            _results[i] = BlackScholesMerton.Greeks(_inputs[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Options)]
    public void Black76Batch() => Black76.Greeks(_inputs, _results);

    [Benchmark(OperationsPerInvoke = 64)]
    public void AmericanBatch() => AmericanOption.Greeks(_inputs.AsSpan(0, 64), _results);
}
