using System.Diagnostics;
using AqTrading.Risk.Rules;

namespace AqTrading.Risk.Benchmarks;

/// <summary>
/// Times single decisions one by one (Stopwatch ticks are nanoseconds on Linux) so that p99 means the 99th percentile
/// of decisions, GC pauses included. The timer itself adds a few tens of nanoseconds to each sample.
/// </summary>
internal static class PerCallLatency
{
    private const int Warmup = 200_000;
    private const int Samples = 1_000_000;

    public static void Run()
    {
        var context = RiskInputs.Context();
        var order = RiskInputs.Buy("order-1");
        var empty = new ExposureLedger();
        var busy = new ExposureLedger();
        for (var i = 0; i < 1_000; i++)
        {
            busy.Decide(new OrderIntent($"working-{i}", "paper", "s1", "SYM03", Side.Buy, 1m, 1m), context, RiskInputs.Limits);
        }

        Console.WriteLine();
        Console.WriteLine($"Per-call latency, {Samples:N0} single calls each after {Warmup:N0} warm-up calls (µs):");
        Console.WriteLine($"| {"Call",-44} | {"p50",7} | {"p90",7} | {"p99",7} | {"p99.9",7} | {"max",9} |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 11)}|");
        Measure("RiskEvaluator.Evaluate", () => RiskEvaluator.Evaluate(order, context, RiskInputs.Limits).Approved);
        Measure("ExposureLedger.Decide+Completed, 0 working", () => DecideAndComplete(empty));
        Measure("ExposureLedger.Decide+Completed, 1000 working", () => DecideAndComplete(busy));

        bool DecideAndComplete(ExposureLedger ledger)
        {
            var approved = ledger.Decide(order, context, RiskInputs.Limits).Approved;
            ledger.Completed(order.OrderId, 0m);
            return approved;
        }
    }

    private static void Measure(string name, Func<bool> call)
    {
        for (var i = 0; i < Warmup; i++)
        {
            if (!call())
            {
                throw new InvalidOperationException($"{name}: the benchmark order was rejected.");
            }
        }

        var ticks = new long[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(ticks);
        double Micros(double fraction) => ticks[Math.Min((int)(fraction * Samples), Samples - 1)] * 1_000_000d / Stopwatch.Frequency;
        Console.WriteLine($"| {name,-44} | {Micros(0.50),7:N2} | {Micros(0.90),7:N2} | {Micros(0.99),7:N2} | {Micros(0.999),7:N2} | {Micros(1.0),9:N1} |");
    }
}
