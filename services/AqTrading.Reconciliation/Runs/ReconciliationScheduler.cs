using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AqTrading.Reconciliation.Runs;

/// <summary>Fills ask for a run; the scheduler debounces them.</summary>
public sealed class FillSignal
{
    public Channel<string> Accounts { get; } = Channel.CreateUnbounded<string>();
}

/// <summary>
/// Runs reconciliation at startup, every <see cref="ReconciliationOptions.Interval"/>, and <see cref="ReconciliationOptions.FillDebounce"/>
/// after the last fill of a burst (each new fill restarts the wait). A failing run is logged; the next one tries again.
/// </summary>
public sealed partial class ReconciliationScheduler(IServiceScopeFactory scopes, FillSignal fills, IOptionsMonitor<ReconciliationOptions> options,
    TimeProvider time, ILogger<ReconciliationScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // At startup the portfolio and orders may still be starting: try until the accounts can be listed (up to a minute).
        for (var attempt = 0; attempt < 12 && await RunAsync(ReconciliationTrigger.Startup, stoppingToken) == 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
        }

        var nextPeriodic = time.GetUtcNow() + options.CurrentValue.Interval;
        DateTimeOffset? fillDue = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = fillDue is { } f && f < nextPeriodic ? f : nextPeriodic;
            var wait = due - time.GetUtcNow();
            using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            if (wait > TimeSpan.Zero)
            {
                waitCts.CancelAfter(wait);
                try
                {
                    await fills.Accounts.Reader.WaitToReadAsync(waitCts.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // the wait ended: something is due
                }
            }

            var sawFill = false;
            while (fills.Accounts.Reader.TryRead(out _))
            {
                sawFill = true;
            }

            if (sawFill)
            {
                fillDue = time.GetUtcNow() + options.CurrentValue.FillDebounce;
                continue;
            }

            var now = time.GetUtcNow();
            if (fillDue is { } fd && fd <= now)
            {
                fillDue = null;
                await RunAsync(ReconciliationTrigger.Fill, stoppingToken);
            }

            if (nextPeriodic <= time.GetUtcNow())
            {
                nextPeriodic = time.GetUtcNow() + options.CurrentValue.Interval;
                await RunAsync(ReconciliationTrigger.Periodic, stoppingToken);
            }
        }
    }

    /// <summary>Runs every account; returns how many runs were made (0 when the accounts could not be listed).</summary>
    private async Task<int> RunAsync(ReconciliationTrigger trigger, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAllAsync(trigger, ct)).Count;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogRunFailed(Reconciler.Name(trigger), e.Message);
            return 0;
        }
    }

    [LoggerMessage(LogLevel.Error, "The {Trigger} reconciliation failed: {Reason}")]
    private partial void LogRunFailed(string trigger, string reason);
}
