using System.Collections.Concurrent;
using AqTrading.Contracts;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.Strategies.Data;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Registry;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AqTrading.Strategies.Running;

public enum StartResult { Started, NotFound, AlreadyRunning, Invalid }

/// <summary>
/// The live strategies of this process: seeds the configured definitions at start and starts the enabled ones,
/// starts and stops runners for the API, routes fills to the runner of their strategy, and asks every runner to
/// backfill when Redis reconnects (StackExchange.Redis restores the subscriptions themselves).
/// </summary>
public sealed partial class StrategyRunnerHost(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    RunnerDependencies deps,
    IConnectionMultiplexer redis,
    IStrategyFactory factory,
    TimeProvider time,
    ILogger<StrategyRunnerHost> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, StrategyRunner> _runners = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        var enabled = await SeedAsync(cancellationToken);
        foreach (var id in enabled)
        {
            await StartStrategyAsync(id, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        foreach (var runner in _runners.Values)
        {
            await runner.StopAsync();
        }

        _runners.Clear();
    }

    public IStrategyFactory Factory => factory;

    public bool IsActive(string id) => _runners.TryGetValue(id, out var runner) && runner.IsActive;

    public RunnerSnapshot? Snapshot(string id) => _runners.TryGetValue(id, out var runner) ? runner.Snapshot() : null;

    public void DeliverFill(string strategyId, StrategyFill fill)
    {
        if (_runners.TryGetValue(strategyId, out var runner) && runner.IsActive)
        {
            runner.Deliver(fill);
        }
    }

    /// <summary>Starts the strategy (paper); it warms up, then runs. <see cref="StartResult.Invalid"/> marks it errored.</summary>
    /// <param name="audit">The record of who asked (an operator's request), committed with the status change or not at all.</param>
    public async Task<StartResult> StartStrategyAsync(string id, CancellationToken ct, IIntegrationEvent? audit = null)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            if (IsActive(id))
            {
                return StartResult.AlreadyRunning;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrategiesDbContext>();
            var definition = await db.Strategies.SingleOrDefaultAsync(s => s.Id == id, ct);
            if (definition is null)
            {
                return StartResult.NotFound;
            }

            var now = time.GetUtcNow();
            var creation = factory.Create(definition);
            definition.Enabled = true;
            definition.Mode = "paper";
            definition.UpdatedAt = now;
            definition.StatusChangedAt = now;
            if (creation.Strategy is not { } strategy)
            {
                definition.Status = StrategyStatus.Error;
                definition.LastError = "Invalid definition: " + string.Join(" ", creation.Errors.SelectMany(e => e.Value));
                definition.ErrorAt = now;
                await db.SaveChangesAsync(ct);
                return StartResult.Invalid;
            }

            definition.Status = StrategyStatus.WarmingUp;
            definition.LastError = null;
            if (audit is not null)
            {
                db.AddIntegrationEvent(audit);
            }

            // The runner starts only once the status (and its audit record) committed.
            await db.SaveChangesAsync(ct);

            if (_runners.TryRemove(id, out var previous))
            {
                await previous.DisposeAsync();
            }

            var runner = new StrategyRunner(definition, strategy, deps);
            _runners[id] = runner;
            runner.Start();
            LogStarted(logger, id, definition.Kind, strategy.WarmupBars);
            return StartResult.Started;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the strategy (OnStop is called); false when it was not running.</summary>
    /// <param name="audit">The record of who asked, committed with the status change.</param>
    public async Task<bool> StopStrategyAsync(string id, CancellationToken ct, IIntegrationEvent? audit = null)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            if (!_runners.TryGetValue(id, out var runner) || !runner.IsActive)
            {
                return false;
            }

            await runner.StopAsync();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrategiesDbContext>();
            var now = time.GetUtcNow();
            var definition = await db.Strategies.SingleAsync(s => s.Id == id, ct);
            definition.Enabled = false;
            // A failing OnStop has already marked it errored; otherwise it is stopped.
            if (definition.Status != StrategyStatus.Error)
            {
                definition.Status = StrategyStatus.Stopped;
            }

            definition.StatusChangedAt = now;
            definition.UpdatedAt = now;
            if (audit is not null)
            {
                db.AddIntegrationEvent(audit);
            }

            await db.SaveChangesAsync(ct);
            return true;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Upserts the configured definitions (configuration wins over earlier API changes to them) and marks every
    /// strategy not about to start as stopped (a previous process may have left it running). Returns the ids to start.
    /// </summary>
    private async Task<List<string>> SeedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrategiesDbContext>();
        var now = time.GetUtcNow();
        foreach (var configured in ConfiguredStrategies.Read(configuration))
        {
            var definition = await db.Strategies.SingleOrDefaultAsync(s => s.Id == configured.Id, ct);
            if (definition is null)
            {
                definition = new StrategyDefinition { Id = configured.Id, Kind = configured.Kind, AccountId = configured.AccountId, CreatedAt = now };
                db.Strategies.Add(definition);
            }

            definition.Kind = configured.Kind;
            definition.AccountId = configured.AccountId;
            definition.Symbols = configured.Symbols.Select(s => s.ToUpperInvariant()).ToList();
            definition.Parameters = configured.Parameters.GetRawText();
            definition.Resolution = configured.Resolution;
            definition.Enabled = configured.Enabled;
            definition.UpdatedAt = now;
            LogSeeded(logger, configured.Id, configured.Kind, configured.Enabled);
        }

        await db.SaveChangesAsync(ct);
        await db.Strategies.Where(s => !s.Enabled && s.Status != StrategyStatus.Stopped && s.Status != StrategyStatus.Error)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, StrategyStatus.Stopped).SetProperty(s => s.StatusChangedAt, now), ct);
        return await db.Strategies.Where(s => s.Enabled).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        foreach (var runner in _runners.Values.Where(r => r.IsActive))
        {
            runner.Backfill();
        }
    }

    [LoggerMessage(LogLevel.Information, "Strategy {StrategyId} ({Kind}) started; warm-up {WarmupBars} bars")]
    private static partial void LogStarted(ILogger logger, string strategyId, string kind, int warmupBars);

    [LoggerMessage(LogLevel.Information, "Strategy {StrategyId} ({Kind}) from configuration, enabled {Enabled}")]
    private static partial void LogSeeded(ILogger logger, string strategyId, string kind, bool enabled);
}
