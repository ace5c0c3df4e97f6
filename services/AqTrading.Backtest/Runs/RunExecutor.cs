using AqTrading.Backtest.Engine;
using AqTrading.Backtest.MarketData;
using AqTrading.Contracts.MarketData;

namespace AqTrading.Backtest.Runs;

/// <summary>The data of a job cannot back a run (no bars, a warm-up shortfall, a window too short): the job fails with this message.</summary>
public sealed class JobDataException(string message) : Exception(message);

/// <summary>Reports progress synchronously on the engine's thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
public sealed class SyncProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}

/// <summary>Loads a run's bars from market data into memory and runs the engine on them.</summary>
public sealed class RunExecutor(IHttpClientFactory http)
{
    /// <summary>
    /// Every traded symbol's bars in [start, end] with <paramref name="warmupBars"/> bars before the start, and the
    /// benchmark's bars in [start, end]. A symbol (or the benchmark) without a bar in the range is a <see cref="JobDataException"/>.
    /// </summary>
    public async Task<InMemoryBarSource> LoadAsync(RunRequest request, int warmupBars, CancellationToken ct)
    {
        var client = new MarketDataClient(http.CreateClient(MarketDataClient.ClientName));
        var all = new List<Bar>();
        var symbols = request.Symbols!.ToList();
        foreach (var symbol in symbols)
        {
            var bars = await client.LoadAsync(symbol, request.BarResolution, warmupBars, request.StartTime, request.EndTime, request.Adjusted ?? true, ct);
            if (!bars.Any(b => b.Start >= request.StartTime))
            {
                throw new JobDataException($"No {request.Resolution} bars of {symbol} between {request.Start:yyyy-MM-dd} and {request.End:yyyy-MM-dd} in market data; import them first (POST /api/market/import).");
            }

            all.AddRange(bars);
        }

        if (request.BenchmarkSymbol is { } benchmark && !symbols.Contains(benchmark))
        {
            var bars = await client.LoadAsync(benchmark, request.BarResolution, 0, request.StartTime, request.EndTime, request.Adjusted ?? true, ct);
            if (bars.Count == 0)
            {
                throw new JobDataException($"No {request.Resolution} bars of the benchmark {benchmark} between {request.Start:yyyy-MM-dd} and {request.End:yyyy-MM-dd}; import them or set the benchmark to 'none'.");
            }

            all.AddRange(bars);
        }

        return new InMemoryBarSource(all);
    }

    /// <summary>One engine run on a worker thread; <see cref="BacktestException"/> becomes a <see cref="JobDataException"/>.</summary>
    public static Task<BacktestResult> RunAsync(BacktestSpec spec, IBarSource source, Action<double> progress, CancellationToken ct) =>
        Task.Run(() =>
        {
            try
            {
                return BacktestEngine.Run(spec, source, new SyncProgress(progress), ct);
            }
            catch (BacktestException e)
            {
                throw new JobDataException(e.Message);
            }
        }, ct);
}
