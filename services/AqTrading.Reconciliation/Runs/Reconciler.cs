using System.Diagnostics;
using AqTrading.Contracts.Operations;
using AqTrading.Reconciliation.Alerts;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Rules.Comparison;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Reconciliation.Runs;

/// <summary>Serialises runs in this process: two comparisons of the same books at once would race on the same discrepancies.</summary>
public sealed class RunGate
{
    public SemaphoreSlim Lock { get; } = new(1, 1);
}

/// <summary>
/// One reconciliation of one account: both sides read, compared, compared again after <see cref="ReconciliationOptions.ConfirmDelay"/>
/// (a difference must persist with both sides unchanged: <see cref="BookComparator.Confirm"/>), then the run, its discrepancies, their events and alerts stored in one transaction;
/// a new critical discrepancy then restricts trading.
/// </summary>
public sealed partial class Reconciler(ReconciliationDbContext db, BookSources sources, TradingGuard guard, AlertService alerts,
    IOptionsMonitor<ReconciliationOptions> options, TimeProvider time, RunGate gate, FillSignal fills, ILogger<Reconciler> logger)
{
    public async Task<IReadOnlyList<ReconciliationRun>> RunAllAsync(ReconciliationTrigger trigger, CancellationToken ct)
    {
        IReadOnlyList<string> accounts;
        try
        {
            accounts = await sources.AccountsAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogAccountsUnavailable(e.Message);
            return [];
        }

        var runs = new List<ReconciliationRun>();
        foreach (var account in accounts)
        {
            runs.Add(await RunAsync(account, trigger, ct));
        }

        return runs;
    }

    public async Task<ReconciliationRun> RunAsync(string accountId, ReconciliationTrigger trigger, CancellationToken ct)
    {
        await gate.Lock.WaitAsync(ct);
        try
        {
            return await RunLockedAsync(accountId, trigger, ct);
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    private async Task<ReconciliationRun> RunLockedAsync(string accountId, ReconciliationTrigger trigger, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var run = new ReconciliationRun { Id = Guid.CreateVersion7(), AccountId = accountId, Trigger = trigger, StartedAt = started };
        IReadOnlyList<Finding> findings = [];
        try
        {
            var (first, _) = await CompareAsync(accountId, settings.Tolerances, ct);
            if (first.Count > 0 && settings.ConfirmDelay > TimeSpan.Zero)
            {
                await Task.Delay(settings.ConfirmDelay, time, ct);
                var (second, checkedSymbols) = await CompareAsync(accountId, settings.Tolerances, ct);
                var (confirmed, unsettled) = BookComparator.Confirm(first, second);
                findings = confirmed;
                run.PositionsChecked = checkedSymbols;
                if (unsettled.Count > 0)
                {
                    // Fills still being booked: the debounced post-fill run looks again once the books are quiet.
                    LogUnsettled(accountId, string.Join(", ", unsettled.Select(f => f.Key)));
                    fills.Accounts.Writer.TryWrite(accountId);
                }
            }
            else
            {
                findings = first;
                run.PositionsChecked = _lastChecked;
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            run.Error = $"The books could not be read: {e.Message}";
            LogRunFailed(accountId, e.Message);
        }

        run.CompletedAt = time.GetUtcNow();
        run.DurationMs = clock.ElapsedMilliseconds;
        run.IsClean = run.Error is null && findings.Count == 0;
        run.DiscrepancyCount = findings.Count;

        var newCritical = await db.InTransactionAsync(async token =>
        {
            var fresh = new List<Discrepancy>();
            run.Findings = [];
            var open = await db.Discrepancies.Where(d => d.AccountId == accountId && d.Status == DiscrepancyStatus.Open).ToListAsync(token);
            foreach (var finding in findings)
            {
                var existing = open.FirstOrDefault(d => d.Key == finding.Key);
                if (existing is null)
                {
                    existing = new Discrepancy
                    {
                        Id = Guid.CreateVersion7(), AccountId = accountId, Key = finding.Key, Type = Names.Of(finding.Type),
                        Severity = Names.Of(finding.Severity), Symbol = finding.Symbol, OrderId = finding.OrderId, Message = finding.Message,
                        Status = DiscrepancyStatus.Open, FirstRunId = run.Id, FirstSeenAt = run.CompletedAt.Value,
                    };
                    db.Discrepancies.Add(existing);
                    fresh.Add(existing);
                }

                existing.LocalValue = finding.LocalValue;
                existing.BrokerValue = finding.BrokerValue;
                existing.Message = finding.Message;
                existing.LastRunId = run.Id;
                existing.LastSeenAt = run.CompletedAt.Value;
                existing.Occurrences++;
                run.Findings.Add(new RunFinding(existing.Id, existing.Type, existing.Severity, finding.Symbol, finding.OrderId, finding.LocalValue,
                    finding.BrokerValue, finding.Message));
            }

            db.Runs.Add(run);
            var critical = findings.Count(f => f.Severity == DiscrepancySeverity.Critical);
            db.AddIntegrationEvent(new ReconciliationCompleted(run.Id, accountId, Name(trigger), run.IsClean, run.DiscrepancyCount, critical,
                run.CompletedAt.Value));
            foreach (var d in fresh)
            {
                db.AddIntegrationEvent(new DiscrepancyFound(d.Id, run.Id, accountId, d.Type, d.Severity, d.Symbol, d.LocalValue, d.BrokerValue,
                    d.Message, run.CompletedAt.Value));
                await alerts.RaiseAsync(AlertFactory.Discrepancy(d, run.CompletedAt.Value), token);
            }

            await db.SaveChangesAsync(token);
            return fresh.Where(d => d.Severity == "critical").ToList();
        }, ct);
        alerts.Dispatch();

        if (newCritical.Count > 0)
        {
            var summary = $"{newCritical.Count} critical discrepanc{(newCritical.Count == 1 ? "y" : "ies")} in account {accountId}: " +
                string.Join("; ", newCritical.Select(d => d.Message));
            await guard.RestrictAsync(summary, ct);
        }

        return run;
    }

    private int _lastChecked;

    private async Task<(IReadOnlyList<Finding> Findings, int Checked)> CompareAsync(string accountId, ComparisonTolerances tolerances,
        CancellationToken ct)
    {
        var local = sources.LocalAsync(accountId, ct);
        var broker = sources.BrokerAsync(accountId, ct);
        var (l, b) = (await local, await broker);
        _lastChecked = l.Positions.Where(p => p.Quantity != 0).Select(p => p.Symbol.ToUpperInvariant())
            .Union(b.Positions.Where(p => p.Quantity != 0).Select(p => p.Symbol.ToUpperInvariant())).Count();
        return (BookComparator.Compare(l, b, tolerances), _lastChecked);
    }

    public static string Name(ReconciliationTrigger trigger) => trigger.ToString().ToLowerInvariant();

    [LoggerMessage(LogLevel.Warning, "Reconciliation of {AccountId} could not read the books: {Reason}")]
    private partial void LogRunFailed(string accountId, string reason);

    [LoggerMessage(LogLevel.Information, "Reconciliation of {AccountId}: still booking ({Differences}); a later run judges them")]
    private partial void LogUnsettled(string accountId, string differences);

    [LoggerMessage(LogLevel.Warning, "Reconciliation could not list the accounts: {Reason}")]
    private partial void LogAccountsUnavailable(string reason);
}
