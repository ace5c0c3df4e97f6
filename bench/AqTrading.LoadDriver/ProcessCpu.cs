using System.ComponentModel;
using System.Diagnostics;

namespace AqTrading.LoadDriver;

/// <summary>
/// Where a phase's CPU went: every process's CPU time on this machine, summed by process name (each service,
/// <c>postgres</c> with all its backends, <c>beam.smp</c> for RabbitMQ, <c>redis-server</c>), read before and after the
/// phase. The system shares the machine's cores with the driver, so the difference says which part to make cheaper.
/// </summary>
internal static class ProcessCpu
{
    public static Dictionary<string, TimeSpan> Snapshot()
    {
        var totals = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    var name = Group(process.ProcessName);
                    totals[name] = totals.GetValueOrDefault(name) + process.TotalProcessorTime;
                }
                catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
                {
                    // Exited meanwhile (a database backend), or not ours to read.
                }
            }
        }

        return totals;
    }

    /// <summary>
    /// PostgreSQL's backends by database ("postgres: postgres portfoliodb 127.0.0.1(44590) idle" → "postgres (portfoliodb)"), its
    /// helpers as "postgres", kernel workers as "kworker".
    /// </summary>
    private static string Group(string name)
    {
        if (name.StartsWith("postgres:", StringComparison.Ordinal))
        {
            var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 4 && parts[3].Contains('(') ? $"postgres ({parts[2]})" : "postgres";
        }

        var cut = name.IndexOfAny([':', '/']);
        return cut > 0 ? name[..cut] : name;
    }

    /// <summary>Prints each process's CPU seconds, share and CPU milliseconds per order; below 1 % of the total as "other".</summary>
    public static void Print(string phase, IReadOnlyDictionary<string, TimeSpan> before, IReadOnlyDictionary<string, TimeSpan> after, int orders)
    {
        var spent = after.Select(p => (Name: p.Key, Seconds: (p.Value - before.GetValueOrDefault(p.Key)).TotalSeconds))
            .Where(p => p.Seconds > 0).OrderByDescending(p => p.Seconds).ToList();
        var total = spent.Sum(p => p.Seconds);
        if (total <= 0 || orders <= 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"CPU by process, {phase} (until every fill was booked; {Environment.ProcessorCount} cores):");
        Console.WriteLine("| Process | CPU s | Share | CPU ms per order |");
        Console.WriteLine("|---|---:|---:|---:|");
        var shown = spent.Where(p => p.Seconds >= total / 100).ToList();
        var other = total - shown.Sum(p => p.Seconds);
        foreach (var (name, seconds) in shown.Append(("other", other)))
        {
            Console.WriteLine($"| {name} | {seconds:N1} | {seconds / total:P0} | {seconds * 1_000 / orders:N2} |");
        }

        Console.WriteLine($"| all | {total:N1} | 100 % | {total * 1_000 / orders:N2} |");
    }
}
