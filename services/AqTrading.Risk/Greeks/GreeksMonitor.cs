using System.Collections.Concurrent;
using System.Text.Json;
using AqTrading.Risk.Checks;
using AqTrading.Risk.Data;
using AqTrading.Risk.Rules.Greeks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.Risk.Greeks;

/// <summary>
/// The Greeks cycle (reference §9.4, which the seed never scheduled): every few seconds, for every account risk knows,
/// recompute the Greeks (the gate's cache), raise threshold alerts with hysteresis for the account and each strategy,
/// store snapshots for history every <see cref="GreeksOptions.SnapshotSeconds"/>, and publish the account's Greeks on
/// Redis <c>greeks:updates</c>.
/// </summary>
public sealed partial class GreeksMonitor(GreeksBook book, GreeksLimitsCache limits, IServiceScopeFactory scopes, IConnectionMultiplexer redis,
    IOptions<GreeksOptions> options, TimeProvider time, ILogger<GreeksMonitor> logger) : BackgroundService
{
    public const string UpdatesChannel = "greeks:updates";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly GreeksOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string Account, string Scope, string ScopeId, GreekDimension Metric), AlertState> _alerts = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSnapshot = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.RefreshSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var account in book.Accounts.ToList())
            {
                try
                {
                    await CycleAsync(account, stoppingToken);
                }
                // Whatever goes wrong for one account (portfolio, Redis, database) is logged and retried next round: an
                // exception escaping a BackgroundService would stop the whole risk service.
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogCycleFailed(account, e.Message);
                }
            }
        }
    }

    /// <summary>One account's cycle: compute, alert, snapshot when due, publish.</summary>
    public async Task CycleAsync(string accountId, CancellationToken ct)
    {
        if (await book.RefreshAsync(accountId, ct) is not { } greeks)
        {
            return;
        }

        var now = time.GetUtcNow();
        var accountLimits = await limits.ForAsync(accountId, ct);
        var fired = new List<GreeksAlertRecord>();
        Alert(accountId, "account", accountId, greeks.Account, accountLimits, now, fired);
        foreach (var (strategy, aggregate) in greeks.Strategies)
        {
            if (strategy != AccountGreeks.Unassigned)
            {
                Alert(accountId, "strategy", strategy, aggregate, accountLimits, now, fired);
            }
        }

        var snapshotDue = !_lastSnapshot.TryGetValue(accountId, out var last) || (now - last).TotalSeconds >= _options.SnapshotSeconds;
        if (fired.Count > 0 || snapshotDue)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            db.GreeksAlerts.AddRange(fired);
            if (snapshotDue)
            {
                db.GreeksSnapshots.Add(Snapshot(accountId, "account", accountId, greeks.Account, now));
                foreach (var (strategy, aggregate) in greeks.Strategies)
                {
                    db.GreeksSnapshots.Add(Snapshot(accountId, "strategy", strategy, aggregate, now));
                }
            }

            await db.SaveChangesAsync(ct);
            if (snapshotDue)
            {
                _lastSnapshot[accountId] = now;
            }
        }

        var message = JsonSerializer.Serialize(AccountGreeksView.From(greeks, now, _options.MaxStalenessSeconds), Json);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(UpdatesChannel), message);
    }

    private void Alert(string accountId, string scope, string scopeId, GreeksAggregate aggregate, GreeksLimits accountLimits,
        DateTimeOffset now, List<GreeksAlertRecord> fired)
    {
        foreach (var metric in DollarGreeks.Dimensions)
        {
            var key = (accountId, scope, scopeId, metric);
            var levels = accountLimits[metric];
            var value = aggregate.Greeks[metric];
            var (state, fire) = GreeksAlerts.Step(_alerts.GetValueOrDefault(key), value, levels, now);
            _alerts[key] = state;
            if (fire)
            {
                var threshold = state.Level switch { GreeksLevel.Hard => levels.Hard, GreeksLevel.Crit => levels.Crit, _ => levels.Warn };
                var name = DollarGreeks.Name(metric);
                fired.Add(new GreeksAlertRecord
                {
                    Id = Guid.NewGuid(), AccountId = accountId, Scope = scope, ScopeId = scopeId, Metric = name,
                    Level = GreeksAlerts.Name(state.Level), Value = value, Threshold = threshold, CreatedAt = now,
                    Message = $"{name} of {scope} {scopeId} reached the {GreeksAlerts.Name(state.Level)} level: |{value:N0}| ≥ {threshold:N0}.",
                });
            }
        }
    }

    private static GreeksSnapshotRecord Snapshot(string accountId, string scope, string scopeId, GreeksAggregate a, DateTimeOffset now) => new()
    {
        AccountId = accountId, Scope = scope, ScopeId = scopeId, DollarDelta = a.Greeks.DollarDelta, GammaDollar = a.Greeks.GammaDollar,
        VegaPer1Pct = a.Greeks.VegaPer1Pct, ThetaPerDay = a.Greeks.ThetaPerDay, CoveragePct = a.CoveragePct, ValidLegs = a.ValidLegs,
        TotalLegs = a.TotalLegs, AsOf = a.AsOf, CreatedAt = now,
    };

    [LoggerMessage(LogLevel.Warning, "Greeks cycle for account {AccountId} failed: {Reason}")]
    private partial void LogCycleFailed(string accountId, string reason);
}
