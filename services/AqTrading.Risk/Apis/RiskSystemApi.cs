using AqTrading.Risk.Checks;
using AqTrading.Risk.Degradation;
using AqTrading.Risk.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AqTrading.Risk;

/// <summary><c>GET /api/risk/system</c>: the mode trading is effectively in, why, what each kind of action may do, and the dependencies.</summary>
public static class RiskSystemApi
{
    public sealed record Allowed(bool OpenPositions, bool ClosePositions, bool ReducePositions, bool CancelOrders, bool RunStrategies, bool Query);

    public sealed record SystemView(string Mode, string TradingState, IReadOnlyList<string> Reasons, Allowed Allowed,
        IReadOnlyList<DependencyStatus> Dependencies, DateTimeOffset CheckedAt);

    public static RouteGroupBuilder MapRiskSystem(this RouteGroupBuilder api)
    {
        api.MapGet("/system", Get).WithSummary("The effective trading mode, the reasons for it, what each action may do, and each dependency's health.");
        return api;
    }

    public static Ok<SystemView> Get(TradingStatusCache tradingStatus, DegradationMonitor monitor, TimeProvider time)
    {
        var status = tradingStatus.Current;
        var snapshot = monitor.Current;
        var reasons = new List<string>();
        var state = status?.State ?? Rules.TradingState.Halted;
        if (status is null)
        {
            reasons.Add("risk_starting: the trading state has not been read yet");
        }
        else if (state != Rules.TradingState.Running)
        {
            reasons.Add($"trading_{TradingStateMachine.Name(state)}: {status.Reason ?? "no reason given"} (by {status.ChangedBy})");
        }

        var effective = state;
        if (state == Rules.TradingState.Running && snapshot.MarketDataStale)
        {
            effective = Rules.TradingState.Reducing;
            reasons.Add($"market_data_stale: {snapshot.MarketDataDetail}");
        }

        foreach (var dependency in snapshot.Dependencies.Where(d => !d.Healthy && d.Name != "market-data"))
        {
            reasons.Add($"{dependency.Name}_unavailable: {dependency.Detail}");
        }

        var allowed = effective switch
        {
            Rules.TradingState.Running => new Allowed(true, true, true, true, true, true),
            Rules.TradingState.Paused => new Allowed(false, true, true, true, false, true),
            Rules.TradingState.Reducing => new Allowed(false, true, true, true, false, true),
            _ => new Allowed(false, false, false, true, false, true),
        };
        return TypedResults.Ok(new SystemView(TradingStateMachine.Name(effective), TradingStateMachine.Name(state), reasons, allowed,
            snapshot.Dependencies, snapshot.CheckedAt == DateTimeOffset.MinValue ? time.GetUtcNow() : snapshot.CheckedAt));
    }
}
