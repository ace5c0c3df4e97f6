using System.Diagnostics;
using AqTrading.Backtest.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// The engine is measured with the garbage collector settings of the backtest service: server GC (the csproj) and the
// first generation size the AppHost and deploy/k8s give the workers. The runtime reads the latter only from the
// environment when it starts, so without it this process runs itself again with it.
if (Environment.GetEnvironmentVariable(Gen0.Variable) is null)
{
    var self = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        self.ArgumentList.Add(typeof(Gen0).Assembly.Location); // started as `dotnet AqTrading.Backtest.Benchmarks.dll`
    }

    foreach (var arg in args)
    {
        self.ArgumentList.Add(arg);
    }

    self.Environment[Gen0.Variable] = Gen0.Size;
    using var child = Process.Start(self)!;
    child.WaitForExit();
    return child.ExitCode;
}

// `./aq bench` passes its arguments to every bench project: drop the load driver's options so that
// `./aq bench --orders 2000` does not make BenchmarkDotNet refuse its command line, and with nothing left run
// everything (BenchmarkDotNet would otherwise wait for a choice on standard input).
if (args.Contains("--cpu-time"))
{
    // CPU time of the process per bar event (not wall time), for a figure that a busy machine distorts less;
    // names after it choose benchmarks (`--cpu-time SmaCrossover50x200`).
    CpuTime.Run(args.SkipWhile(a => a != "--cpu-time").Skip(1).ToArray());
    return 0;
}

if (args.Contains("--compare"))
{
    Compare.Run(args.SkipWhile(a => a != "--compare").Skip(1).ToArray());
    return 0;
}

if (args.Contains("--digest"))
{
    Digest.Run();
    return 0;
}

var benchmarkArgs = BenchArgs.WithoutLoadDriverOptions(args) is { Length: > 0 } given ? given : ["--filter", "*"];
// Reports go under bin/ (ignored by git), not into whichever folder ./aq bench was started from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs, config);
return 0;

/// <summary>The backtest workers' first-generation size (AqTrading.AppHost/AppHost.cs, deploy/k8s/base/services/backtest.yaml).</summary>
internal static class Gen0
{
    public const string Variable = "DOTNET_GCgen0size";
    public const string Size = "0x4000000";
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
