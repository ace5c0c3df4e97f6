using AqTrading.Backtest.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// `./aq bench` passes its arguments to every bench project: drop the load driver's options so that
// `./aq bench --orders 2000` does not make BenchmarkDotNet refuse its command line, and with nothing left run
// everything (BenchmarkDotNet would otherwise wait for a choice on standard input).
if (args.Contains("--cpu-time"))
{
    // CPU time of the process per bar event (not wall time), for a figure that a busy machine distorts less;
    // names after it choose benchmarks (`--cpu-time SmaCrossover50x200`).
    CpuTime.Run(args.SkipWhile(a => a != "--cpu-time").Skip(1).ToArray());
    return;
}

var benchmarkArgs = BenchArgs.WithoutLoadDriverOptions(args) is { Length: > 0 } given ? given : ["--filter", "*"];
// Reports go under bin/ (ignored by git), not into whichever folder ./aq bench was started from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs, config);

internal static class BenchArgs
{
    private static readonly string[] LoadDriverOptions = ["--orders", "--concurrency", "--warmup", "--service-log-level"];

    public static string[] WithoutLoadDriverOptions(string[] args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (LoadDriverOptions.Contains(args[i], StringComparer.OrdinalIgnoreCase))
            {
                i++; // and its value
                continue;
            }

            kept.Add(args[i]);
        }

        return [.. kept];
    }
}
