using System.Text.Json;
using AqTrading.Backtest.Engine;
using AqTrading.Backtest.Engine.Research;
using AqTrading.Backtest.Runs;
using AqTrading.MarketData.Core.Bars;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.WalkForwards;

public sealed record WindowResult(DateOnly Start, DateOnly End, int Points, double Metric, PerformanceReport Metrics, BenchmarkSummary? Benchmark);

public sealed record CandidateResult(IReadOnlyDictionary<string, JsonElement> Parameters, double? Metric, string? Error);

public sealed record StabilityResult(string Perturbation, string Parameter, double Level, IReadOnlyDictionary<string, JsonElement> Parameters,
    double? Metric, double? Deviation, bool? WithinTolerance, string? Error);

public sealed record BestParameters(IReadOnlyDictionary<string, JsonElement> Parameters, double TrainMetric);

public sealed record Degradations(double TrainToValidation, double ValidationToTest);

/// <summary>A walk-forward's verdict with the evidence: every window's metrics, the candidates tried, every perturbed run.</summary>
public sealed record WalkForwardResult(
    bool Accepted,
    IReadOnlyList<string> Reasons,
    string Metric,
    BestParameters Best,
    WindowResult Train,
    WindowResult Validation,
    WindowResult Test,
    Degradations Degradation,
    IReadOnlyList<StabilityResult> Stability,
    IReadOnlyList<CandidateResult> Candidates);

/// <summary>
/// Runs a walk-forward validation in one worker: loads the range once, splits its bar times 70/15/15, runs every grid
/// candidate on the training window and keeps the best by the metric, runs it on validation and test, then runs each
/// ±10 %/±20 % perturbation of its numeric parameters on the validation window (the base of stability, as in the seed)
/// and lets <see cref="WalkForward.Decide"/> judge. The rules are the engine library's; this class only orchestrates.
/// </summary>
public sealed class WalkForwardRunner(RunExecutor executor)
{
    public async Task<WalkForwardResult> RunAsync(WalkForwardRequest request, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> candidates,
        Action<double> progress, CancellationToken ct)
    {
        var run = request.Base!;
        var metric = request.Metric ?? ResearchMetrics.Sharpe;
        var strategies = candidates.Select(c => Create(run, c)).ToList();
        // Warm-up for the training window: the longest any candidate or any of its perturbations needs.
        var warmup = candidates.SelectMany(c => WalkForward.Perturbations(c).Select(p => p.Parameters).Prepend(c))
            .Select(p => run.CreateStrategy(p).Strategy?.WarmupBars ?? 0).Max();
        var source = await executor.LoadAsync(run, warmup, ct);

        var times = run.Symbols!.SelectMany(s => source.GetBars(s, run.StartTime, 0, run.EndTime))
            .Where(b => b.Start >= run.StartTime && b.End <= run.EndTime).Select(b => b.Start).Distinct().Order().ToList();
        if (times.Count < WalkForward.MinimumPoints)
        {
            throw new JobDataException($"The range has {times.Count} bar times; a walk-forward needs at least {WalkForward.MinimumPoints} to split 70/15/15.");
        }

        var windows = WalkForward.Split(times.Count);
        // A window runs from its first bar's start to the next window's first bar's start (the test window to the range's end);
        // Last is its last bar's start, for the reported dates.
        var trainWindow = (Start: times[0], End: times[windows.TrainEnd], Last: times[windows.TrainEnd - 1], Points: windows.TrainCount);
        var validationWindow = (Start: times[windows.TrainEnd], End: times[windows.ValidationEnd], Last: times[windows.ValidationEnd - 1],
            Points: windows.ValidationCount);
        var testWindow = (Start: times[windows.ValidationEnd], End: run.EndTime, Last: times[^1], Points: windows.TestCount);

        var perturbationCount = WalkForward.Perturbations(candidates[0]).Count;
        var totalRuns = candidates.Count + 2 + perturbationCount;
        var done = 0;
        async Task<BacktestResult> RunWindow(Strategy strategy, (DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Last, int Points) window)
        {
            try
            {
                return await RunExecutor.RunAsync(run.ToSpec(strategy, window.Start, window.End), source,
                    p => progress((done + p) / totalRuns), ct);
            }
            finally
            {
                done++;
                progress((double)done / totalRuns);
            }
        }

        var tried = new List<CandidateResult>();
        (int Index, double Metric, BacktestResult Result)? best = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            try
            {
                var result = await RunWindow(strategies[i], trainWindow);
                var value = ResearchMetrics.Value(result.Statistics, metric);
                tried.Add(new CandidateResult(candidates[i], value, null));
                if (best is null || value > best.Value.Metric)
                {
                    best = (i, value, result);
                }
            }
            catch (JobDataException e)
            {
                tried.Add(new CandidateResult(candidates[i], null, e.Message));
            }
        }

        if (best is not { } chosen)
        {
            throw new JobDataException($"No candidate could run on the training window: {tried[0].Error}");
        }

        var bestParameters = candidates[chosen.Index];
        var validation = await RunWindow(Create(run, bestParameters), validationWindow);
        var test = await RunWindow(Create(run, bestParameters), testWindow);
        var validationMetric = ResearchMetrics.Value(validation.Statistics, metric);

        var stability = new List<StabilityResult>();
        foreach (var perturbation in WalkForward.Perturbations(bestParameters))
        {
            var creation = run.CreateStrategy(perturbation.Parameters);
            if (creation.Strategy is null)
            {
                done++;
                stability.Add(new StabilityResult(perturbation.Label, perturbation.Parameter, perturbation.Level, perturbation.Parameters, null, null, null,
                    $"Not a valid parameter set: {string.Join(" ", creation.Errors.SelectMany(e => e.Value))}"));
                continue;
            }

            try
            {
                var result = await RunWindow(creation.Strategy, validationWindow);
                var outcome = WalkForward.Stability(perturbation.Label, validationMetric, ResearchMetrics.Value(result.Statistics, metric));
                stability.Add(new StabilityResult(perturbation.Label, perturbation.Parameter, perturbation.Level, perturbation.Parameters,
                    outcome.Metric, outcome.Deviation, outcome.WithinTolerance, null));
            }
            catch (JobDataException e)
            {
                stability.Add(new StabilityResult(perturbation.Label, perturbation.Parameter, perturbation.Level, perturbation.Parameters, null, null, null, e.Message));
            }
        }

        var decision = WalkForward.Decide(metric, chosen.Metric, validationMetric, ResearchMetrics.Value(test.Statistics, metric),
            stability.Select(s => new StabilityOutcome(s.Perturbation, s.Metric, s.Deviation, s.WithinTolerance)).ToList());
        return new WalkForwardResult(decision.Accepted, decision.Reasons, metric, new BestParameters(bestParameters, chosen.Metric),
            Window(trainWindow, chosen.Result), Window(validationWindow, validation), Window(testWindow, test),
            new Degradations(decision.TrainToValidation, decision.ValidationToTest), stability, tried);

        WindowResult Window((DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Last, int Points) window, BacktestResult result) =>
            new(ExchangeTime.TradingDay(window.Start), ExchangeTime.TradingDay(window.Last), window.Points,
                ResearchMetrics.Value(result.Statistics, metric), result.Statistics, RunResult.Summarize(result.Benchmark));
    }

    private static Strategy Create(RunRequest run, IReadOnlyDictionary<string, JsonElement> parameters) =>
        run.CreateStrategy(parameters).Strategy ?? throw new JobDataException($"The parameter set {JsonSerializer.Serialize(parameters)} is not valid.");
}
