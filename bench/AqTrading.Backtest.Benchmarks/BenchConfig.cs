using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AqTrading.Backtest.Benchmarks;

/// <summary>
/// The default job, run in-process: the out-of-process toolchain generates and builds a project of its own, which
/// would inherit the repository's Directory.*.props (warnings as errors, central versions) and doubles the build time on
/// two cores. <c>AQ_BENCH_JOB=short</c> runs BenchmarkDotNet's short job instead (3 iterations), for a quick figure on a
/// busy machine.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        var job = Environment.GetEnvironmentVariable("AQ_BENCH_JOB") == "short" ? Job.ShortRun : Job.Default;
        AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
