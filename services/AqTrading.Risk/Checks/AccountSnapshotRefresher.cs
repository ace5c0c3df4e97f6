namespace AqTrading.Risk.Checks;

/// <summary>
/// At start, loads every account's snapshot and limits in the background (retrying until the portfolio answers), so
/// the first order of the day is decided as fast as the rest; then refreshes the snapshots every couple of seconds so
/// the loss limits follow the marks.
/// </summary>
public sealed partial class AccountSnapshotRefresher(AccountSnapshots snapshots, LimitsCache limits, TimeProvider time,
    ILogger<AccountSnapshotRefresher> logger)
    : BackgroundService
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= 60 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                foreach (var account in await snapshots.PrimeAsync(stoppingToken))
                {
                    await limits.ForAsync(account, stoppingToken);
                }

                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotYet(attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
            }
        }

        await RefreshForeverAsync(stoppingToken);
    }

    private async Task RefreshForeverAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await snapshots.RefreshAllAsync(stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Account snapshots not primed yet (attempt {Attempt}): {Reason}")]
    private partial void LogNotYet(int attempt, string reason);
}
