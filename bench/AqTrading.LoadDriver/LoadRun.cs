using System.Collections.Concurrent;
using System.Diagnostics;

namespace AqTrading.LoadDriver;

/// <summary>
/// One phase's numbers: wall-clock time, every request's latency, what each request came back as, and for orders how
/// long after the last answer the portfolio had booked every fill.
/// </summary>
internal sealed record LoadResult(string Phase, int Requests, int Concurrency, TimeSpan Elapsed, long[] LatencyTicks,
    IReadOnlyDictionary<string, int> Outcomes)
{
    public TimeSpan? BookedAfter { get; init; }

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>"accepted 4990, rejected:risk_unavailable 10": each outcome and how often, commonest first.</summary>
    public string OutcomeSummary => string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    public double Ms(double percentile)
    {
        var sorted = LatencyTicks; // sorted by LoadRun
        var rank = (int)Math.Ceiling(percentile / 100d * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1_000d / Stopwatch.Frequency;
    }
}

/// <summary>
/// A closed loop: <c>concurrency</c> workers each send a request, wait for its answer and send the next, until
/// <c>count</c> requests are done. Latency is from before SendAsync to the end of reading the body.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string phase, int count, int concurrency,
        Func<CancellationToken, Task<string>> request, CancellationToken ct)
    {
        var latencies = new long[count];
        var outcomes = new ConcurrentDictionary<string, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                string outcome;
                try
                {
                    outcome = await request(ct);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    outcome = $"error:{e.GetType().Name}";
                }

                latencies[i] = Stopwatch.GetTimestamp() - start;
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }
        }, ct)));
        clock.Stop();
        Array.Sort(latencies);
        return new LoadResult(phase, count, concurrency, clock.Elapsed, latencies, outcomes);
    }
}
