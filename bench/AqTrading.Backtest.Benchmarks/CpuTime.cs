using System.Diagnostics;

namespace AqTrading.Backtest.Benchmarks;

/// <summary>
/// <c>--cpu-time</c>: each benchmark of <see cref="EngineBenchmarks"/> run a few times on this thread, timed by the
/// process's CPU time rather than the wall clock. On a machine shared with other work the wall clock also counts the time
/// the thread waited for a core; CPU time does not (cache and memory contention still show). Allocations are this
/// thread's, per bar event.
/// </summary>
internal static class CpuTime
{
    private static readonly int Runs = int.Parse(Environment.GetEnvironmentVariable("AQ_CPU_RUNS") ?? "5");

    /// <param name="only">Run only the benchmarks of these names (all when empty).</param>
    public static void Run(IReadOnlyList<string> only)
    {
        Console.WriteLine($"// GC: server {System.Runtime.GCSettings.IsServerGC}, {Gen0.Variable}={Environment.GetEnvironmentVariable(Gen0.Variable)}");
        var benchmarks = new EngineBenchmarks();
        benchmarks.Setup();
        const double events = EngineBenchmarks.Events;
        foreach (var (name, run) in benchmarks.All())
        {
            if (only.Count > 0 && !only.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            run(); // warm-up (JIT tiers)
            var times = new List<double>();
            var walls = new List<double>();
            long allocated = 0;
            var pauses = new List<double>();
            var collections = 0;
            for (var i = 0; i < Runs; i++)
            {
                GC.Collect();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var paused = GC.GetTotalPauseDuration();
                var gen0 = GC.CollectionCount(0);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.GetTimestamp();
                run();
                walls.Add(Stopwatch.GetElapsedTime(wall).TotalNanoseconds / events);
                times.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / events);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                pauses.Add((GC.GetTotalPauseDuration() - paused).TotalNanoseconds / events);
                collections = GC.CollectionCount(0) - gen0;
            }

            times.Sort();
            walls.Sort();
            Console.WriteLine($"{name,-20} CPU ns/event: min {times[0],7:F1}  median {times[Runs / 2],7:F1}  → {1_000 / times[0],5:F2} M bar-events/s (best)  " +
                $"allocated {allocated / events,6:F1} B/event  (wall ns/event: min {walls[0]:F1}, median {walls[Runs / 2]:F1}; GC pauses ns/event: median {pauses.Order().ElementAt(Runs / 2):F1}, {collections} collections in the last run)");
        }
    }
}
