using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace AqTrading.Backtest.Benchmarks;

/// <summary>
/// <c>--compare NAME ROUNDS DIR_A DIR_B</c>: one benchmark of two builds of this project (their output folders, e.g. a
/// copy of <c>bin/Release/net10.0</c> made before a change, and one after), each loaded into its own
/// <see cref="AssemblyLoadContext"/> of this one process, run alternately ROUNDS times, timed by the process's CPU time.
/// On a machine whose speed wanders from minute to minute (a shared virtual machine) two separate runs minutes apart
/// differ by more than most changes do; runs interleaved within one process meet the same conditions, and the count of
/// rounds in which B was faster, with the median of B/A per round, says whether a change helped.
/// </summary>
internal static class Compare
{
    public static void Run(string[] args)
    {
        if (args.Length != 4 || !int.TryParse(args[1], out var rounds) || rounds < 1)
        {
            Console.Error.WriteLine("usage: --compare <benchmark> <rounds> <build folder A> <build folder B>");
            return;
        }

        var builds = args[2..].Select(dir => Load(dir, args[0])).ToArray();
        foreach (var (_, run) in builds)
        {
            run(); // warm-up (JIT tiers)
            run();
        }

        var times = new double[builds.Length, rounds];
        for (var k = 0; k < rounds; k++)
        {
            for (var b = 0; b < builds.Length; b++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                builds[b].Run();
                times[b, k] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / EngineBenchmarks.Events;
            }
        }

        for (var b = 0; b < builds.Length; b++)
        {
            var sorted = Enumerable.Range(0, rounds).Select(k => times[b, k]).Order().ToArray();
            Console.WriteLine($"{(b == 0 ? "A" : "B")} {builds[b].Name}: CPU ns/event min {sorted[0]:F1}, median {sorted[rounds / 2]:F1}, mean {sorted.Average():F1}");
        }

        var ratios = Enumerable.Range(0, rounds).Select(k => times[1, k] / times[0, k]).Order().ToArray();
        Console.WriteLine($"B faster in {ratios.Count(r => r < 1)} of {rounds} rounds; median B/A {ratios[rounds / 2]:F3}");
    }

    /// <summary>The benchmark <paramref name="name"/> of the build in <paramref name="dir"/>, set up and ready to run.</summary>
    private static (string Name, Func<object> Run) Load(string dir, string name)
    {
        var path = Path.GetFullPath(Path.Combine(dir, Path.GetFileName(typeof(Compare).Assembly.Location)));
        var assembly = new BuildContext(path).LoadFromAssemblyPath(path);
        var type = assembly.GetType(typeof(EngineBenchmarks).FullName!, throwOnError: true)!;
        var instance = Activator.CreateInstance(type)!;
        type.GetMethod(nameof(EngineBenchmarks.Setup))!.Invoke(instance, null);
        var method = type.GetMethod(name) ?? throw new ArgumentException($"No benchmark {name}.");
        return (dir, method.CreateDelegate<Func<object>>(instance));
    }

    /// <summary>Resolves a build's own assemblies from its folder, so that each build runs its own engine.</summary>
    private sealed class BuildContext(string path) : AssemblyLoadContext(Path.GetDirectoryName(path))
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name) =>
            _resolver.ResolveAssemblyToPath(name) is { } file ? LoadFromAssemblyPath(file) : null;
    }
}
