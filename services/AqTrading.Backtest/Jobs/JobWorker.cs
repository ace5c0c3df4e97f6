using System.Text.Json;
using AqTrading.Backtest.Engine.Research;
using AqTrading.Backtest.MarketData;
using AqTrading.Backtest.Runs;
using AqTrading.Backtest.Sweeps;
using AqTrading.Backtest.WalkForwards;
using Microsoft.Extensions.Options;

namespace AqTrading.Backtest.Jobs;

/// <summary>
/// Runs one job from the queue: claims it, runs it (a backtest or a walk-forward; a sweep's runs arrive as backtests),
/// stores the outcome, and collects the sweep a run belongs to. Beside the run a loop stores and publishes the progress
/// every <see cref="BacktestOptions.ProgressInterval"/> and stops the run when the job was cancelled meanwhile.
/// </summary>
public sealed partial class JobWorker(
    JobStore store,
    ProgressPublisher publisher,
    RunExecutor executor,
    WalkForwardRunner walkForwards,
    SweepCollector sweeps,
    IOptions<BacktestOptions> options,
    TimeProvider time,
    ILogger<JobWorker> logger)
{
    public string Name => options.Value.Worker;

    /// <param name="redelivered">RabbitMQ redelivered the message: the worker that had it died, so a running job may be taken over.</param>
    /// <param name="stopping">The host is stopping: the job goes back to the queue and the exception reaches MassTransit, which leaves the message unacknowledged.</param>
    public async Task ProcessAsync(Guid jobId, bool redelivered, CancellationToken stopping)
    {
        var worker = Name;
        var job = await store.ClaimAsync(jobId, worker, redelivered, stopping);
        if (job is null)
        {
            LogSkipped(jobId);
            return;
        }

        await publisher.PublishAsync(job);
        LogStarted(job.Id, job.Kind, worker);
        var progress = new ProgressValue();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var monitorStop = new CancellationTokenSource();
        var cancelled = new StrongBox();
        var monitor = MonitorAsync(job, worker, progress, run, cancelled, monitorStop.Token);

        JobStatus status;
        string? result = null, summary = null, error = null;
        try
        {
            (result, summary) = job.Kind switch
            {
                JobKind.Backtest => await RunBacktestAsync(job, progress, run.Token),
                JobKind.WalkForward => await RunWalkForwardAsync(job, progress, run.Token),
                _ => throw new InvalidOperationException($"A {job.Kind} job is not run from the queue."),
            };
            status = JobStatus.Completed;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancelled.Value)
        {
            await monitorStop.CancelAsync();
            await monitor;
            await store.RequeueAsync(job.Id, worker);
            LogRequeued(job.Id);
            throw;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            status = JobStatus.Cancelled;
        }
        catch (Exception e) when (e is JobDataException or MarketDataUnavailableException)
        {
            status = JobStatus.Failed;
            error = e.Message;
        }
        catch (Exception e)
        {
            LogUnexpected(e, job.Id);
            status = JobStatus.Failed;
            error = $"The job failed unexpectedly: {e.Message}";
        }

        await monitorStop.CancelAsync();
        await monitor;
        if (status != JobStatus.Cancelled && await store.FinishAsync(job.Id, worker, status, result, summary, error))
        {
            LogFinished(job.Id, status);
            await publisher.PublishAsync(new JobProgress(job.Id, job.Kind, status, status == JobStatus.Completed ? 1 : progress.Value, worker));
        }
        else
        {
            // Cancelled while it ran: the cancel already wrote (and published) the final status; the result is discarded.
            LogCancelled(job.Id);
        }

        if (job.ParentId is { } sweep)
        {
            await sweeps.CollectAsync(sweep);
        }
    }

    private async Task<(string, string)> RunBacktestAsync(BacktestJob job, ProgressValue progress, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<RunRequest>(job.Request, RunResult.Json)!;
        var creation = request.CreateStrategy();
        var strategy = creation.Strategy ?? throw new JobDataException(
            $"The strategy cannot be made: {string.Join(" ", creation.Errors.SelectMany(e => e.Value))}");
        var source = await executor.LoadAsync(request, strategy.WarmupBars, ct);
        progress.Value = 0.1;
        var result = await RunExecutor.RunAsync(request.ToSpec(strategy, request.StartTime, request.EndTime), source,
            p => progress.Value = 0.1 + 0.9 * p, ct);
        var view = RunResult.From(result);
        return (JsonSerializer.Serialize(view, RunResult.Json), JsonSerializer.Serialize(view.ToSummary(), RunResult.Json));
    }

    private async Task<(string, string?)> RunWalkForwardAsync(BacktestJob job, ProgressValue progress, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<WalkForwardRequest>(job.Request, RunResult.Json)!;
        var errors = new Dictionary<string, string[]>();
        var candidates = GridRequests.Expand(request.Base!, request.Grid, required: false, int.MaxValue, errors)
            ?? throw new JobDataException($"The grid is not valid: {string.Join(" ", errors.SelectMany(e => e.Value))}");
        var result = await walkForwards.RunAsync(request, candidates, p => progress.Value = p, ct);
        return (JsonSerializer.Serialize(result, RunResult.Json), null);
    }

    private async Task MonitorAsync(BacktestJob job, string worker, ProgressValue progress, CancellationTokenSource run, StrongBox cancelled,
        CancellationToken stop)
    {
        var stored = 0.0;
        using var timer = new PeriodicTimer(options.Value.ProgressInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (await store.StatusAsync(job.Id, stop) != JobStatus.Running)
                    {
                        cancelled.Value = true;
                        await run.CancelAsync();
                        return;
                    }

                    var value = Math.Round(progress.Value, 4);
                    if (value > stored)
                    {
                        await store.SetProgressAsync(job.Id, worker, value, stop);
                        await publisher.PublishAsync(new JobProgress(job.Id, job.Kind, JobStatus.Running, value, worker));
                        stored = value;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogMonitorFailed(job.Id, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Written by the engine's thread, read by the monitor.</summary>
    private sealed class ProgressValue
    {
        private double _value;

        public double Value
        {
            get => Volatile.Read(ref _value);
            set => Volatile.Write(ref _value, value);
        }
    }

    private sealed class StrongBox
    {
        private volatile bool _value;

        public bool Value
        {
            get => _value;
            set => _value = value;
        }
    }

    [LoggerMessage(LogLevel.Debug, "Backtest job {JobId} is not queued any more; message skipped")]
    private partial void LogSkipped(Guid jobId);

    [LoggerMessage(LogLevel.Information, "Backtest job {JobId} ({Kind}) started on {Worker}")]
    private partial void LogStarted(Guid jobId, JobKind kind, string worker);

    [LoggerMessage(LogLevel.Information, "Backtest job {JobId} finished: {Status}")]
    private partial void LogFinished(Guid jobId, JobStatus status);

    [LoggerMessage(LogLevel.Information, "Backtest job {JobId} was cancelled while running; its result is discarded")]
    private partial void LogCancelled(Guid jobId);

    [LoggerMessage(LogLevel.Warning, "Backtest job {JobId} goes back to the queue: the process is stopping")]
    private partial void LogRequeued(Guid jobId);

    [LoggerMessage(LogLevel.Error, "Backtest job {JobId} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, Guid jobId);

    [LoggerMessage(LogLevel.Warning, "Progress of backtest job {JobId} not stored: {Reason}")]
    private partial void LogMonitorFailed(Guid jobId, string reason);
}
