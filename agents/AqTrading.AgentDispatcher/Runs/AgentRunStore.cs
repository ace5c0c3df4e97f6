using System.Collections.Concurrent;
using System.Text.Json;
using AqTrading.AgentDispatcher.Data;
using AqTrading.Agents.Abstractions.Roles;
using AqTrading.AgentDispatcher.Tools;
using AqTrading.Contracts.Agents;
using AqTrading.Contracts.Operations;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.AgentDispatcher.Runs;

/// <summary>
/// Where runs live: <c>agent_results</c>, and in memory while they are active or could not be stored. A database
/// failure never loses a result (the seed's graceful degradation, DESIGN §6): the run stays readable from memory,
/// the failure is logged, and the completion event is published directly instead of through the outbox.
/// </summary>
public sealed partial class AgentRunStore(IServiceScopeFactory scopes, ILogger<AgentRunStore> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs not yet terminal, and terminal runs whose row could not be written (kept at most this many).</summary>
    private const int MemoryLimit = 1000;

    private readonly ConcurrentDictionary<Guid, AgentRun> _memory = new();

    public async Task AddAsync(AgentRun run, CancellationToken ct)
    {
        _memory[run.Id] = run.Copy();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AgentsDbContext>();
            db.Runs.Add(run.Copy());
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            LogStoreFailed(e, run.Id, "queued");
        }
    }

    public async Task MarkRunningAsync(AgentRun run, CancellationToken ct)
    {
        _memory[run.Id] = run.Copy();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AgentsDbContext>();
            await db.Runs.Where(r => r.Id == run.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, run.Status).SetProperty(r => r.StartedAt, run.StartedAt), ct);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            LogStoreFailed(e, run.Id, "running");
        }
    }

    /// <summary>
    /// Stores the finished run with its <see cref="AgentRunCompleted"/> and an <see cref="AgentRedisWriteRecorded"/> per Redis
    /// write (the audit trail's record of it) in one transaction (the outbox).
    /// </summary>
    public async Task CompleteAsync(AgentRun run, IReadOnlyList<RedisWriteDone> writes, int toolCalls, int denied, CancellationToken ct)
    {
        var completed = new AgentRunCompleted(run.Id, run.Role.Name(), run.Task, Status(run.Status), run.Success == true, run.Summary, run.Error,
            [.. writes.Select(w => w.Key)], toolCalls, denied, run.StartedAt ?? run.CreatedAt, run.CompletedAt!.Value, run.DurationMs ?? 0,
            run.CompletedAt!.Value);
        var recorded = writes.Select(w => new AgentRedisWriteRecorded(run.Id, run.Role.Name(), w.Key, w.Value, w.PreviousValue, w.At)).ToList();
        _memory[run.Id] = run.Copy();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AgentsDbContext>();
            await db.InTransactionAsync(async token =>
            {
                var row = await db.Runs.SingleOrDefaultAsync(r => r.Id == run.Id, token);
                if (row is null)
                {
                    db.Runs.Add(run.Copy());
                }
                else
                {
                    db.Entry(row).CurrentValues.SetValues(run);
                }

                db.AddIntegrationEvent(completed);
                foreach (var write in recorded)
                {
                    db.AddIntegrationEvent(write);
                }

                await db.SaveChangesAsync(token);
            }, ct);
            _memory.TryRemove(run.Id, out _);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            LogStoreFailed(e, run.Id, "completed");
            Trim();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
                await bus.Publish(completed, ct);
                foreach (var write in recorded)
                {
                    await bus.Publish(write, ct);
                }
            }
            catch (Exception publish) when (publish is not OperationCanceledException)
            {
                LogPublishFailed(publish, run.Id);
            }
        }
    }

    public async Task<AgentRun?> FindAsync(Guid id, CancellationToken ct)
    {
        if (_memory.TryGetValue(id, out var run))
        {
            return run.Copy();
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentsDbContext>();
        return await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Runs newest first, before the cursor (createdAt, id), optionally of one role or status.</summary>
    public async Task<List<AgentRun>> ListAsync(AgentRole? role, AgentRunStatus? status, (DateTimeOffset At, Guid Id)? before, int limit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentsDbContext>();
        var query = db.Runs.AsNoTracking();
        if (role is { } r)
        {
            query = query.Where(x => x.Role == r);
        }

        if (status is { } s)
        {
            query = query.Where(x => x.Status == s);
        }

        if (before is { } cursor)
        {
            query = query.Where(x => x.CreatedAt < cursor.At || (x.CreatedAt == cursor.At && x.Id.CompareTo(cursor.Id) < 0));
        }

        var stored = await query.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id).Take(limit).ToListAsync(ct);
        // Runs in memory are newer than their row (running) or have none (the database failed): they win.
        var merged = stored.ToDictionary(x => x.Id);
        foreach (var live in _memory.Values)
        {
            if ((role is null || live.Role == role) && (status is null || live.Status == status)
                && (before is null || live.CreatedAt < before.Value.At || (live.CreatedAt == before.Value.At && live.Id.CompareTo(before.Value.Id) < 0)))
            {
                merged[live.Id] = live.Copy();
            }
        }

        return [.. merged.Values.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id).Take(limit)];
    }

    public static string Status(AgentRunStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private void Trim()
    {
        foreach (var old in _memory.Values.Where(r => r.IsTerminal).OrderBy(r => r.CreatedAt).Take(Math.Max(0, _memory.Count - MemoryLimit)))
        {
            _memory.TryRemove(old.Id, out _);
        }
    }

    private static bool IsStorageFailure(Exception e) =>
        e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException;

    [LoggerMessage(LogLevel.Error, "Agent run {RunId} could not be stored ({Stage}); it is kept in memory and its result still returned")]
    private partial void LogStoreFailed(Exception exception, Guid runId, string stage);

    [LoggerMessage(LogLevel.Error, "AgentRunCompleted of run {RunId} could not be published either")]
    private partial void LogPublishFailed(Exception exception, Guid runId);
}
