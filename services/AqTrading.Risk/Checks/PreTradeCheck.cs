using System.Collections.Concurrent;
using AqTrading.Contracts.Risk;
using AqTrading.Risk.Bias;
using AqTrading.Risk.Data;
using AqTrading.Risk.Rules;
using AqTrading.Risk.Rules.Greeks;
using AqTrading.Risk.TradingState;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Risk.Checks;

/// <summary>
/// One pre-trade decision: the cached trading state, the account snapshot, the account's limits, the risk bias
/// and everything already reserved, evaluated by the rules library — which reserves the order's exposure when it
/// approves. A loss-limit breach halts trading.
/// </summary>
public sealed class PreTradeCheck(
    TradingStatusCache tradingStatus,
    AccountSnapshots accounts,
    RiskBiasMonitor bias,
    ExposureLedger ledger,
    LimitsCache limits,
    IServiceScopeFactory scopes,
    Greeks.GreeksGuard greeks,
    Degradation.DegradationMonitor degradation)
{
    private static readonly IReadOnlySet<string> NoPausedStrategies = new HashSet<string>();

    public async Task<RiskCheckResponse> CheckAsync(RiskCheckRequest request, CancellationToken ct)
    {
        var status = tradingStatus.Current;
        var currentBias = bias.Current.Value;
        if (status is null)
        {
            return new RiskCheckResponse(false, "risk_starting", "Risk has not read the trading state yet.", [], currentBias);
        }

        AccountSnapshot? account;
        try
        {
            account = await accounts.GetAsync(request.AccountId, ct);
        }
        catch (PortfolioUnavailableException e)
        {
            return new RiskCheckResponse(false, "portfolio_unavailable", e.Message, [], currentBias);
        }

        var intent = new OrderIntent(request.OrderId.ToString(), request.AccountId, request.StrategyId, request.Symbol.ToUpperInvariant(),
            request.Side == "sell" ? Side.Sell : Side.Buy, request.Quantity, request.Price, request.Multiplier);
        // The kill switch's flatten orders bypass the halt and nothing else: as if trading were REDUCING, they pass
        // only if they reduce a position, and every other check still applies.
        if (request.Purpose == RiskCheckRequest.FlattenPurpose && status.State == Rules.TradingState.Halted)
        {
            status = status with { State = Rules.TradingState.Reducing };
        }

        // Stale market data (when that rule is on) makes RUNNING act as REDUCING until quotes are fresh again.
        if (status.State == Rules.TradingState.Running && degradation.Current.MarketDataStale)
        {
            status = status with { State = Rules.TradingState.Reducing, Reason = $"market data stale: {degradation.Current.MarketDataDetail}" };
        }

        var context = new RiskContext(status, NoPausedStrategies, currentBias, account);
        // The Greeks step is decided first (it may read quotes once) and applied last, in the evaluator's order.
        var greeksCheck = new DecidedGreeksCheck(await greeks.CheckAsync(intent, ct));
        var decision = ledger.Decide(intent, context, await limits.ForAsync(request.AccountId, ct), [greeksCheck]);

        if (decision.HaltReason is { } haltReason)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TradingStateStore>()
                .ChangeAsync((s, now) => TradingStateMachine.Halt(s, "risk", haltReason, now), ct);
        }

        var warnings = decision.Approved && greeksCheck.Result.Outcome == Rules.Greeks.GreeksGateOutcome.ApprovedWithWarning
            ? new[] { $"{greeksCheck.Result.ReasonCode}: {greeksCheck.Result.Message}" }
            : null;
        return new RiskCheckResponse(decision.Approved, decision.ReasonCode, decision.Message, decision.ChecksPassed, currentBias, warnings);
    }
}

/// <summary>Each account's limits, read from the database at most every few seconds and dropped when edited here.</summary>
public sealed class LimitsCache(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (RiskLimits Limits, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<RiskLimits> ForAsync(string accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var entry) && now - entry.ReadAt < MaxAge)
        {
            return entry.Limits;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        var stored = await db.Limits.AsNoTracking().SingleOrDefaultAsync(l => l.AccountId == accountId, ct);
        var limits = stored?.Limits.ToLimits() ?? new RiskLimits();
        _cache[accountId] = (limits, now);
        return limits;
    }

    public void Invalidate(string accountId) => _cache.TryRemove(accountId, out _);
}
