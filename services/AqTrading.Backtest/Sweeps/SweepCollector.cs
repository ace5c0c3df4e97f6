using System.Text.Json;
using AqTrading.Backtest.Data;
using AqTrading.Backtest.Engine;
using AqTrading.Backtest.Engine.Research;
using AqTrading.Backtest.Jobs;
using AqTrading.Backtest.Runs;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Backtest.Sweeps;

/// <param name="Rank">1 is the best by the sweep's rankBy.</param>
public sealed record RankedRun(int Rank, Guid JobId, int Index, IReadOnlyDictionary<string, JsonElement> Parameters, double Metric,
    PerformanceReport Statistics, BenchmarkSummary? Benchmark, string? Worker);

/// <summary>A run of the sweep that did not complete: reported, never dropped.</summary>
public sealed record UnfinishedRun(Guid JobId, int Index, IReadOnlyDictionary<string, JsonElement> Parameters, JobStatus Status, string? Error,
    string? Worker);

public sealed record SweepResult(string RankBy, int Total, int Completed, int Failed, int Cancelled, IReadOnlyList<RankedRun> Ranked,
    IReadOnlyList<UnfinishedRun> Unfinished, IReadOnlyDictionary<string, int> RunsByWorker);

/// <summary>
/// Collects a sweep once all its runs are final. Called by whichever worker finishes a run (and by a cancel): under a row
/// lock on the sweep, so when the last two runs finish on two replicas at once exactly one writes the result. The check
/// happens after the run's own outcome is committed, so the last finisher always sees every run final.
/// </summary>
public sealed class SweepCollector(JobStore store, ProgressPublisher publisher, TimeProvider time)
{
    public async Task CollectAsync(Guid sweepId)
    {
        var sweep = await store.WithDbAsync(db => db.InTransactionAsync(async ct => await CollectAsync(db, sweepId, ct)));
        if (sweep is not null)
        {
            await publisher.PublishAsync(sweep);
        }
    }

    private async Task<BacktestJob?> CollectAsync(BacktestDbContext db, Guid sweepId, CancellationToken ct)
    {
        var sweep = await db.Jobs.FromSql($"SELECT * FROM backtest_jobs WHERE id = {sweepId} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (sweep is null || BacktestJob.IsFinal(sweep.Status))
        {
            return null;
        }

        var runs = await db.Jobs.AsNoTracking().Where(j => j.ParentId == sweepId).OrderBy(j => j.SweepIndex)
            .Select(j => new { j.Id, j.SweepIndex, j.Status, j.Worker, j.Error, j.Summary, j.Request }).ToListAsync(ct);
        var final = runs.Count(r => BacktestJob.IsFinal(r.Status));
        sweep.Progress = runs.Count == 0 ? 1 : (double)final / runs.Count;
        if (final < runs.Count)
        {
            await db.SaveChangesAsync(ct);
            return sweep;
        }

        var request = JsonSerializer.Deserialize<SweepRequest>(sweep.Request, RunResult.Json)!;
        var rankBy = request.RankBy ?? ResearchMetrics.Sharpe;
        var completed = new List<(Guid Id, int Index, IReadOnlyDictionary<string, JsonElement> Parameters, RunSummary Summary, string? Worker)>();
        var unfinished = new List<UnfinishedRun>();
        foreach (var run in runs)
        {
            var parameters = JsonSerializer.Deserialize<RunRequest>(run.Request, RunResult.Json)!.ParameterValues;
            if (run.Status == JobStatus.Completed && run.Summary is not null)
            {
                completed.Add((run.Id, run.SweepIndex ?? 0, parameters, JsonSerializer.Deserialize<RunSummary>(run.Summary, RunResult.Json)!, run.Worker));
            }
            else
            {
                unfinished.Add(new UnfinishedRun(run.Id, run.SweepIndex ?? 0, parameters, run.Status, run.Error, run.Worker));
            }
        }

        var ranked = ResearchMetrics.Rank(completed, c => ResearchMetrics.Value(c.Summary.Statistics, rankBy), rankBy)
            .Select((c, i) => new RankedRun(i + 1, c.Id, c.Index, c.Parameters, ResearchMetrics.Value(c.Summary.Statistics, rankBy),
                c.Summary.Statistics, c.Summary.Benchmark, c.Worker))
            .ToList();
        var result = new SweepResult(rankBy, runs.Count, completed.Count, runs.Count(r => r.Status == JobStatus.Failed),
            runs.Count(r => r.Status == JobStatus.Cancelled), ranked, unfinished,
            runs.Where(r => r.Worker is not null).GroupBy(r => r.Worker!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()));
        sweep.Result = JsonSerializer.Serialize(result, RunResult.Json);
        sweep.Status = completed.Count > 0 ? JobStatus.Completed : JobStatus.Failed;
        sweep.Error = unfinished.Count == 0 ? null
            : completed.Count == 0 ? $"All {runs.Count} runs of the sweep failed or were cancelled; first error: {unfinished[0].Error ?? unfinished[0].Status.ToString()}"
            : $"{unfinished.Count} of {runs.Count} runs did not complete (see result.unfinished).";
        sweep.CompletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return sweep;
    }
}
