using AqTrading.Contracts.Risk;
using AqTrading.Risk.Data;
using AqTrading.Risk.TradingState;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Risk;

public static class RiskApi
{
    public static WebApplication MapRiskApi(this WebApplication app)
    {
        app.MapServicePlatform<RiskDbContext>();
        var api = app.MapGroup("/api/risk").WithTags("Risk");
        api.MapGet("/state", GetState).WithSummary("The trading state (RUNNING, PAUSED, HALTED), since when, by whom and why.");
        api.MapPost("/kill-switch", KillSwitch).WithSummary("Halts all trading at once, from any state.");
        return app;
    }

    public static async Task<Ok<TradingStateRecord>> GetState(RiskDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.TradingState.AsNoTracking().SingleAsync(s => s.Id == TradingStateRecord.SingletonId, ct));

    public sealed record KillSwitchRequest(string? Reason);

    public sealed record KillSwitchResult(TradingStateRecord State, bool Halted, DateTimeOffset Timestamp);

    /// <summary>
    /// HALTED with resume disabled, persisted with its TradingStateChanged event in one transaction. Cancelling open
    /// orders and flattening positions are the orders service's part of the kill switch, driven by that event.
    /// </summary>
    public static async Task<Results<Ok<KillSwitchResult>, ValidationProblem>> KillSwitch(KillSwitchRequest? request,
        RiskDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (request?.Reason is { Length: > 1000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["The reason is limited to 1000 characters."] });
        }

        var now = time.GetUtcNow();
        var state = await db.TradingState.SingleAsync(s => s.Id == TradingStateRecord.SingletonId, ct);
        var previous = state.State;
        state.State = TradingStatus.Halted;
        state.CanResume = false;
        state.Since = now;
        state.ChangedBy = http.User.Identity?.Name ?? "operator";
        state.Reason = string.IsNullOrWhiteSpace(request?.Reason) ? "Kill switch activated" : request.Reason.Trim();
        db.AddIntegrationEvent(new TradingStateChanged("halted", previous.ToString().ToLowerInvariant(), state.ChangedBy,
            state.Reason, state.CanResume, now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new KillSwitchResult(state, Halted: true, now));
    }
}
