using AqTrading.Risk.Data;
using AqTrading.Risk.Rules;
using AqTrading.Risk.TradingState;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Risk.Checks;

/// <summary>
/// The trading state as the checks read it: in memory (a check must not wait for the database), updated at once
/// by changes made here and re-read every second to pick up changes made by another replica.
/// </summary>
public sealed class TradingStatusCache(IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    private volatile TradingStatus? _current;

    /// <summary>The last known state; null only before the first read, which checks treat as halted (fail closed).</summary>
    public TradingStatus? Current => _current;

    public void Set(TradingStatus status) => _current = status;

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        var record = await db.TradingState.AsNoTracking().SingleAsync(s => s.Id == TradingStateRecord.SingletonId, ct);
        _current = record.ToStatus();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep the last known state; the next tick tries again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
