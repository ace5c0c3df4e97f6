using AqTrading.Contracts.Risk;
using AqTrading.Risk.Data;
using AqTrading.Risk.Rules;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Risk.TradingState;

/// <summary>
/// Applies trading-state transitions: the row is locked, the transition decided by <see cref="TradingStateMachine"/>,
/// and a change is saved together with its <see cref="TradingStateChanged"/> event — so concurrent requests
/// serialise and every change is announced exactly when it is committed.
/// </summary>
public sealed class TradingStateStore(RiskDbContext db, TimeProvider time, Checks.TradingStatusCache cache)
{
    public async Task<TradingStatus> CurrentAsync(CancellationToken ct) =>
        (await db.TradingState.AsNoTracking().SingleAsync(s => s.Id == TradingStateRecord.SingletonId, ct)).ToStatus();

    public async Task<TransitionResult> ChangeAsync(Func<TradingStatus, DateTimeOffset, TransitionResult> transition, CancellationToken ct)
    {
        var result = await ApplyAsync(transition, ct);
        if (result.Changed)
        {
            // Checks on this replica see the change at once; others within a second.
            cache.Set(result.Status);
        }

        return result;
    }

    private Task<TransitionResult> ApplyAsync(Func<TradingStatus, DateTimeOffset, TransitionResult> transition, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            var record = await db.TradingState
                .FromSql($"SELECT * FROM trading_state WHERE id = {TradingStateRecord.SingletonId} FOR UPDATE")
                .SingleAsync(token);
            var before = record.ToStatus();
            var result = transition(before, time.GetUtcNow());
            if (result.Changed)
            {
                record.Apply(result.Status);
                db.AddIntegrationEvent(new TradingStateChanged(TradingStateMachine.Name(result.Status.State),
                    TradingStateMachine.Name(before.State), result.Status.ChangedBy, result.Status.Reason, result.Status.CanResume,
                    result.Status.Since));
                await db.SaveChangesAsync(token);
            }

            return result;
        }, ct);
}
