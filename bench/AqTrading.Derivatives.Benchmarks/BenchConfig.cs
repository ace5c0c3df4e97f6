using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AqTrading.Derivatives.Benchmarks;

/// <summary>
/// The default job, run in-process: the out-of-process toolchain generates and builds a project of its own, which
/// would inherit the repository's Directory.*.props (warnings as errors, central versions) and doubles the build time on
/// two cores.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
}
