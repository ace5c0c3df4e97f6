using System.Threading.Channels;
using AqTrading.Agents.Abstractions.Roles;
using Microsoft.Extensions.Options;

namespace AqTrading.AgentDispatcher.Runs;

/// <summary>Accepts invocations: stores the queued run and hands it to <see cref="AgentRunProcessor"/>.</summary>
public sealed class AgentRunQueue(AgentRunStore store, IOptions<AgentsOptions> options, TimeProvider time)
{
    private readonly Channel<AgentRun> _channel = Channel.CreateBounded<AgentRun>(new BoundedChannelOptions(Math.Max(1, options.Value.MaxQueuedRuns))
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<AgentRun> Reader => _channel.Reader;

    /// <summary>The queued run, or null when the queue is full.</summary>
    public async Task<AgentRun?> EnqueueAsync(AgentRole role, string task, string context, string trigger, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var run = new AgentRun
        {
            Id = Guid.CreateVersion7(now), Role = role, Task = task, Context = context, Trigger = trigger,
            Status = AgentRunStatus.Queued, CreatedAt = now,
        };
        if (_channel.Reader.Count >= options.Value.MaxQueuedRuns)
        {
            return null;
        }

        await store.AddAsync(run, ct);
        return _channel.Writer.TryWrite(run) ? run : null;
    }
}

/// <summary>Runs queued agents in the background, at most <see cref="AgentsOptions.MaxConcurrentRuns"/> at once.</summary>
public sealed partial class AgentRunProcessor(AgentRunQueue queue, AgentRunner runner, AgentRunStore store, IOptions<AgentsOptions> options,
    TimeProvider time, ILogger<AgentRunProcessor> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.MaxConcurrentRuns)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var run in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await ExecuteOneAsync(run, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ExecuteOneAsync(AgentRun run, CancellationToken stoppingToken)
    {
        run.Status = AgentRunStatus.Running;
        run.StartedAt = time.GetUtcNow();
        await store.MarkRunningAsync(run, stoppingToken);

        RunOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(run, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in the dispatcher fails the run, never the processor.
            LogRunCrashed(e, run.Id);
            run.Status = AgentRunStatus.Failed;
            run.Success = false;
            run.Error = $"The dispatcher failed running the agent: {e.Message}";
            run.CompletedAt = time.GetUtcNow();
            run.DurationMs = (long)(run.CompletedAt.Value - run.StartedAt!.Value).TotalMilliseconds;
            await store.CompleteAsync(run, [], 0, 0, CancellationToken.None);
            return;
        }

        run.Status = outcome.Status;
        run.Success = outcome.Success;
        run.Result = outcome.Result is { } result ? result.GetRawText() : null;
        run.Summary = outcome.Summary;
        run.Error = outcome.Error;
        run.ExitCode = outcome.ExitCode;
        run.ToolCalls = AgentRunStore.Serialize(outcome.ToolCalls);
        run.Sandbox = AgentRunStore.Serialize(outcome.Sandbox);
        run.StartedAt = outcome.StartedAt;
        run.CompletedAt = outcome.CompletedAt;
        run.DurationMs = (long)(outcome.CompletedAt - outcome.StartedAt).TotalMilliseconds;
        LogRunCompleted(run.Id, run.Role.Name(), AgentRunStore.Status(run.Status), run.DurationMs.Value, run.Error);
        await store.CompleteAsync(run, outcome.Writes, outcome.ToolCalls.Count, outcome.ToolCalls.Count(c => !c.Allowed), CancellationToken.None);
    }

    [LoggerMessage(LogLevel.Error, "Agent run {RunId} failed in the dispatcher")]
    private partial void LogRunCrashed(Exception exception, Guid runId);

    [LoggerMessage(LogLevel.Information, "Agent run {RunId} ({Role}) {Status} in {DurationMs} ms {Error}")]
    private partial void LogRunCompleted(Guid runId, string role, string status, long durationMs, string? error);
}
