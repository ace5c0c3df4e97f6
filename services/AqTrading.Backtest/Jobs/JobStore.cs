using AqTrading.Backtest.Data;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Backtest.Jobs;

/// <summary>
/// The job row's transitions, each one conditional UPDATE so that concurrent replicas and a concurrent cancel cannot
/// both win: a worker claims only a queued job (or a running one RabbitMQ redelivered because its worker died), and
/// writes its outcome only while the job is still running under its own name. Each call has its own scope (the worker's
/// progress loop runs beside the engine).
/// </summary>
public sealed class JobStore(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<T> WithDbAsync<T>(Func<BacktestDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BacktestDbContext>());
    }

    public Task<BacktestJob?> FindAsync(Guid id, CancellationToken ct = default) =>
        WithDbAsync(db => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct));

    /// <summary>Takes the job for <paramref name="worker"/>; null when it is not this worker's to run (cancelled, done, or taken).</summary>
    public Task<BacktestJob?> ClaimAsync(Guid id, string worker, bool redelivered, CancellationToken ct) => WithDbAsync(async db =>
    {
        var now = time.GetUtcNow();
        var claimed = await db.Jobs
            .Where(j => j.Id == id && (j.Status == JobStatus.Queued || (redelivered && j.Status == JobStatus.Running)))
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, JobStatus.Running)
                .SetProperty(j => j.Worker, worker)
                .SetProperty(j => j.Progress, 0)
                .SetProperty(j => j.StartedAt, now), ct);
        if (claimed == 0)
        {
            return null;
        }

        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id, ct);
        if (job.ParentId is { } parent)
        {
            await db.Jobs.Where(j => j.Id == parent && j.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, JobStatus.Running).SetProperty(j => j.StartedAt, now), ct);
        }

        return job;
    });

    public Task<JobStatus?> StatusAsync(Guid id, CancellationToken ct) =>
        WithDbAsync(db => db.Jobs.Where(j => j.Id == id).Select(j => (JobStatus?)j.Status).SingleOrDefaultAsync(ct));

    public Task SetProgressAsync(Guid id, string worker, double progress, CancellationToken ct) => WithDbAsync(db =>
        db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Running && j.Worker == worker)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Progress, progress), ct));

    /// <summary>Writes the outcome; false when the job is no longer running under <paramref name="worker"/> (it was cancelled).</summary>
    public Task<bool> FinishAsync(Guid id, string worker, JobStatus status, string? result, string? summary, string? error) => WithDbAsync(async db =>
    {
        var now = time.GetUtcNow();
        var message = error is { Length: > 4000 } ? error[..4000] : error;
        var updated = await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Running && j.Worker == worker)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.Progress, j => status == JobStatus.Completed ? 1 : j.Progress)
                .SetProperty(j => j.Result, result)
                .SetProperty(j => j.Summary, summary)
                .SetProperty(j => j.Error, message)
                .SetProperty(j => j.CompletedAt, now));
        return updated == 1;
    });

    /// <summary>The process is stopping mid-run: the job goes back to the queue (its message is redelivered to another replica).</summary>
    public Task RequeueAsync(Guid id, string worker) => WithDbAsync(db =>
        db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Running && j.Worker == worker)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.Progress, 0)));

    /// <summary>Cancels a queued or running job (and, for a sweep, its unfinished runs); returns the jobs it cancelled.</summary>
    public Task<List<BacktestJob>> CancelAsync(Guid id, CancellationToken ct) => WithDbAsync(db => db.InTransactionAsync(async token =>
    {
        var now = time.GetUtcNow();
        var open = await db.Jobs
            .FromSql($"SELECT * FROM backtest_jobs WHERE (id = {id} OR parent_id = {id}) AND status IN ('queued', 'running') FOR UPDATE")
            .ToListAsync(token);
        foreach (var job in open)
        {
            job.Status = JobStatus.Cancelled;
            job.CompletedAt = now;
        }

        await db.SaveChangesAsync(token);
        return open;
    }, ct));
}
