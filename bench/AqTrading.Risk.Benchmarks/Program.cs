using AqTrading.Risk.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// `./aq bench` passes its arguments to every bench project: drop the load driver's options so that
// `./aq bench --orders 2000` does not make BenchmarkDotNet refuse its command line, and with nothing left run
// everything (BenchmarkDotNet would otherwise wait for a choice on standard input).
var benchmarkArgs = BenchArgs.WithoutLoadDriverOptions(args) is { Length: > 0 } given ? given : ["--filter", "*"];
// Reports go under bin/ (ignored by git), not into whichever folder ./aq bench was started from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs, config);

// BenchmarkDotNet's percentiles are over iteration means; the target (p99 < 20 µs) is about single decisions, so
// time those one by one as well — only when benchmarks actually ran (not for --list or --help).
if (summaries.Any(s => s.Reports.Length > 0))
{
    PerCallLatency.Run();
}

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
