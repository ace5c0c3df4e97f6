using System.Globalization;
using System.Text.Json;
using AqTrading.Backtest.Data;
using AqTrading.Backtest.Engine.Research;
using AqTrading.Backtest.Jobs;
using AqTrading.Backtest.MarketData;
using AqTrading.Backtest.Runs;
using AqTrading.Backtest.Sweeps;
using AqTrading.Backtest.WalkForwards;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Backtest;

/// <param name="ParentId">The sweep a run belongs to.</param>
/// <param name="Result">The result (only on <c>GET /jobs/{id}</c>; null in lists and until the job completes).</param>
public sealed record JobView(
    Guid Id,
    JobKind Kind,
    JobStatus Status,
    double Progress,
    string? Worker,
    string Strategy,
    Guid? ParentId,
    int? SweepIndex,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    JsonElement Request,
    JsonElement? Result)
{
    public static JobView From(BacktestJob job, bool withResult) => new(job.Id, job.Kind, job.Status, job.Progress, job.Worker, job.Strategy,
        job.ParentId, job.SweepIndex, job.SubmittedAt, job.StartedAt, job.CompletedAt, job.Error, Parse(job.Request)!.Value,
        withResult ? Parse(job.Result) : null);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed record JobPage(IReadOnlyList<JobView> Items, string? NextCursor);

/// <summary>What the submit handlers need besides the body.</summary>
public sealed record SubmitDependencies(BacktestDbContext Db, IHttpClientFactory Http, ProgressPublisher Publisher, IOptions<BacktestOptions> Options,
    TimeProvider Time);

public static class BacktestApi
{
    public static WebApplication MapBacktestApi(this WebApplication app)
    {
        app.MapServicePlatform<BacktestDbContext>();
        var api = app.MapGroup("/api/backtest").WithTags("Backtest");
        api.MapPost("/runs", SubmitRun).WithSummary("Queues a backtest; answers 202 with the job at once.");
        api.MapPost("/sweeps", SubmitSweep).WithSummary("Queues one backtest per grid combination and collects them into one ranked result.");
        api.MapPost("/walk-forwards", SubmitWalkForward)
            .WithSummary("Queues a walk-forward validation: optimise on 70 %, judge on 15 % validation and 15 % test, perturb ±10 %/±20 %.");
        api.MapGet("/jobs", List).WithSummary("Jobs, newest first (kind, status, parentId filters; cursor paging). Results are left out.");
        api.MapGet("/jobs/{id:guid}", Get).WithSummary("One job with its request and (when completed) its result.");
        api.MapPost("/jobs/{id:guid}/cancel", Cancel).WithSummary("Cancels a queued or running job (a sweep with its unfinished runs).");
        api.MapGet("/metrics", () => TypedResults.Ok(ResearchMetrics.Names.Order(StringComparer.Ordinal).ToList()))
            .WithSummary("The metrics a sweep can rank by (rankBy) and a walk-forward can judge by (metric).");
        return app;
    }

    public static async Task<Results<Accepted<JobView>, ValidationProblem, ProblemHttpResult>> SubmitRun(RunRequest request,
        [AsParameters] SubmitDependencies deps, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var run = request.Normalize(errors);
        if (errors.Count == 0)
        {
            foreach (var (key, messages) in run.CreateStrategy().Errors)
            {
                errors.TryAdd(key, messages);
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await CheckDataAsync(run, deps, "", ct) is { } problem)
        {
            return problem;
        }

        var job = NewJob(JobKind.Backtest, run.Strategy!, JsonSerializer.Serialize(run, RunResult.Json), deps.Time);
        deps.Db.Jobs.Add(job);
        deps.Db.AddIntegrationEvent(new BacktestJobQueued(job.Id, job.SubmittedAt));
        await deps.Db.SaveChangesAsync(ct);
        await deps.Publisher.PublishAsync(job);
        return Accepted(job);
    }

    public static async Task<Results<Accepted<JobView>, ValidationProblem, ProblemHttpResult>> SubmitSweep(SweepRequest request,
        [AsParameters] SubmitDependencies deps, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Base is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["base"] = ["Give the run to sweep as 'base' (a run request)."] });
        }

        var run = request.Base.Normalize(errors, "base.");
        var rankBy = request.RankBy ?? ResearchMetrics.Sharpe;
        if (!ResearchMetrics.IsKnown(rankBy))
        {
            errors.TryAdd("rankBy", [$"Unknown metric '{rankBy}'; one of: {string.Join(", ", ResearchMetrics.Names)}."]);
        }

        var sets = errors.Count == 0 ? GridRequests.Expand(run, request.Grid, required: true, deps.Options.Value.MaxSweepRuns, errors) : null;
        if (errors.Count > 0 || sets is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await CheckDataAsync(run, deps, "base.", ct) is { } problem)
        {
            return problem;
        }

        var normalized = request with { Base = run, RankBy = rankBy };
        var sweep = NewJob(JobKind.Sweep, run.Strategy!, JsonSerializer.Serialize(normalized, RunResult.Json), deps.Time);
        deps.Db.Jobs.Add(sweep);
        for (var i = 0; i < sets.Count; i++)
        {
            var child = NewJob(JobKind.Backtest, run.Strategy!, JsonSerializer.Serialize(run with { Parameters = JsonSerializer.SerializeToElement(sets[i]) },
                RunResult.Json), deps.Time, sweep.Id, i);
            deps.Db.Jobs.Add(child);
            deps.Db.AddIntegrationEvent(new BacktestJobQueued(child.Id, child.SubmittedAt));
        }

        await deps.Db.SaveChangesAsync(ct);
        await deps.Publisher.PublishAsync(sweep);
        return Accepted(sweep);
    }

    public static async Task<Results<Accepted<JobView>, ValidationProblem, ProblemHttpResult>> SubmitWalkForward(WalkForwardRequest request,
        [AsParameters] SubmitDependencies deps, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Base is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["base"] = ["Give the run to validate as 'base' (a run request)."] });
        }

        var run = request.Base.Normalize(errors, "base.");
        var metric = request.Metric ?? ResearchMetrics.Sharpe;
        if (!ResearchMetrics.HigherIsBetterNames.Contains(metric))
        {
            errors.TryAdd("metric", [$"The metric must be one where higher is better: {string.Join(", ", ResearchMetrics.HigherIsBetterNames)}."]);
        }

        if (errors.Count == 0)
        {
            GridRequests.Expand(run, request.Grid, required: false, deps.Options.Value.MaxWalkForwardCandidates, errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await CheckDataAsync(run, deps, "base.", ct) is { } problem)
        {
            return problem;
        }

        var job = NewJob(JobKind.WalkForward, run.Strategy!, JsonSerializer.Serialize(request with { Base = run, Metric = metric }, RunResult.Json), deps.Time);
        deps.Db.Jobs.Add(job);
        deps.Db.AddIntegrationEvent(new BacktestJobQueued(job.Id, job.SubmittedAt));
        await deps.Db.SaveChangesAsync(ct);
        await deps.Publisher.PublishAsync(job);
        return Accepted(job);
    }

    public static async Task<Results<Ok<JobPage>, ValidationProblem>> List(BacktestDbContext db, CancellationToken ct, string? kind = null,
        string? status = null, int? limit = null, string? cursor = null, Guid? parentId = null)
    {
        var errors = new Dictionary<string, string[]>();
        var query = db.Jobs.AsNoTracking();
        if (kind is not null)
        {
            if (ParseEnum<JobKind>(kind) is { } k)
            {
                query = query.Where(j => j.Kind == k);
            }
            else
            {
                errors["kind"] = ["The kind must be backtest, sweep or walk_forward."];
            }
        }

        if (status is not null)
        {
            if (ParseEnum<JobStatus>(status) is { } s)
            {
                query = query.Where(j => j.Status == s);
            }
            else
            {
                errors["status"] = ["The status must be queued, running, completed, failed or cancelled."];
            }
        }

        if (limit is < 1 or > 500)
        {
            errors["limit"] = ["The limit must be from 1 to 500."];
        }

        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var before))
            {
                query = query.Where(j => j.Sequence < before);
            }
            else
            {
                errors["cursor"] = ["The cursor is not one this API returned."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (parentId is { } parent)
        {
            query = query.Where(j => j.ParentId == parent);
        }

        var size = limit ?? 50;
        var jobs = await query.OrderByDescending(j => j.Sequence).Take(size + 1).ToListAsync(ct);
        var next = jobs.Count > size ? jobs[size - 1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new JobPage(jobs.Take(size).Select(j => JobView.From(j, withResult: false)).ToList(), next));
    }

    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> Get(Guid id, BacktestDbContext db, CancellationToken ct) =>
        await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct) is { } job
            ? TypedResults.Ok(JobView.From(job, withResult: true))
            : Problems.NotFound($"No backtest job {id}.");

    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> Cancel(Guid id, JobStore store, ProgressPublisher publisher,
        SweepCollector sweeps, CancellationToken ct)
    {
        var cancelled = await store.CancelAsync(id, ct);
        foreach (var job in cancelled)
        {
            await publisher.PublishAsync(job);
        }

        var current = await store.FindAsync(id, ct);
        if (current is null)
        {
            return Problems.NotFound($"No backtest job {id}.");
        }

        if (cancelled.All(j => j.Id != id))
        {
            return Problems.Conflict($"The job is {current.Status.ToString().ToLowerInvariant()}; only a queued or running job can be cancelled.", "job_finished");
        }

        if (current.ParentId is { } sweep)
        {
            await sweeps.CollectAsync(sweep);
        }

        return TypedResults.Ok(JobView.From(current, withResult: false));
    }

    /// <summary>422 naming each symbol (or the benchmark) without a bar in the range; 503 when market data cannot be asked.</summary>
    private static async Task<ProblemHttpResult?> CheckDataAsync(RunRequest run, SubmitDependencies deps, string prefix, CancellationToken ct)
    {
        var client = new MarketDataClient(deps.Http.CreateClient(MarketDataClient.ClientName));
        var errors = new Dictionary<string, string[]>();
        try
        {
            for (var i = 0; i < run.Symbols!.Count; i++)
            {
                if (!await client.HasBarsAsync(run.Symbols[i], run.BarResolution, run.StartTime, run.EndTime, ct))
                {
                    errors[$"{prefix}symbols[{i}]"] = [$"Market data has no {run.Resolution} bars of {run.Symbols[i]} between {run.Start:yyyy-MM-dd} and {run.End:yyyy-MM-dd}; import them first."];
                }
            }

            if (run.BenchmarkSymbol is { } benchmark && !run.Symbols.Contains(benchmark)
                && !await client.HasBarsAsync(benchmark, run.BarResolution, run.StartTime, run.EndTime, ct))
            {
                errors[$"{prefix}benchmark"] = [$"Market data has no {run.Resolution} bars of the benchmark {benchmark} in the range; import them or set the benchmark to 'none'."];
            }
        }
        catch (MarketDataUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Market data unavailable");
        }

        return errors.Count == 0 ? null : TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "No data for the request",
            Detail = "The backtest cannot run without bars of every symbol in the range.",
        });
    }

    private static BacktestJob NewJob(JobKind kind, string strategy, string request, TimeProvider time, Guid? parent = null, int? index = null)
    {
        var now = time.GetUtcNow();
        return new BacktestJob
        {
            Id = Guid.CreateVersion7(now), Kind = kind, Status = JobStatus.Queued, Strategy = strategy, Request = request, SubmittedAt = now,
            ParentId = parent, SweepIndex = index,
        };
    }

    private static Accepted<JobView> Accepted(BacktestJob job) => TypedResults.Accepted($"/api/backtest/jobs/{job.Id}", JobView.From(job, withResult: false));

    private static T? ParseEnum<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
}
