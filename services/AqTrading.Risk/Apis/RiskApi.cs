using AqTrading.Contracts.Risk;
using AqTrading.Risk.Bias;
using AqTrading.Risk.Checks;
using AqTrading.Risk.Data;
using AqTrading.Risk.Limits;
using AqTrading.Risk.Rules;
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
        api.MapGet("/state", GetState).WithSummary("The trading state (running, paused, reducing, halted), since when, by whom and why.");
        api.MapPost("/pause", Pause).WithSummary("Close-only: orders that reduce positions are still accepted.");
        api.MapPost("/reduce", Reduce).WithSummary("Reducing: only orders that reduce a position are accepted.");
        api.MapPost("/halt", Halt).WithSummary("No new orders until resume is enabled and trading resumed. A reason is required.");
        api.MapPost("/enable-resume", EnableResume).WithSummary("After a halt: allows the next resume.");
        api.MapPost("/resume", Resume).WithSummary("Back to running (after a halt only once resume is enabled).");
        api.MapPost("/kill-switch", KillSwitch).WithSummary("Halts all trading at once, from any state.");
        api.MapGet("/limits/{accountId}", GetLimits).WithSummary("An account's pre-trade limits (the defaults until edited).");
        api.MapPut("/limits/{accountId}", PutLimits).WithSummary("Replaces an account's pre-trade limits; each bad field is named.");
        api.MapPost("/check", Check).WithSummary("The pre-trade decision for an order; an approval reserves its exposure until it completes.");
        api.MapRiskSystem();
        api.MapGet("/bias", GetBias).WithSummary("The risk bias in force (Redis risk_bias, 1.0 when unusable) and where it came from.");
        return app;
    }

    public sealed record TradingStateView(string State, DateTimeOffset Since, string ChangedBy, string? Reason, bool CanResume)
    {
        public static TradingStateView From(TradingStatus status) =>
            new(TradingStateMachine.Name(status.State), status.Since, status.ChangedBy, status.Reason, status.CanResume);
    }

    public sealed record ReasonRequest(string? Reason);

    public static async Task<Ok<TradingStateView>> GetState(TradingStateStore store, CancellationToken ct) =>
        TypedResults.Ok(TradingStateView.From(await store.CurrentAsync(ct)));

    public static Task<Results<Ok<TradingStateView>, ValidationProblem, ProblemHttpResult>> Pause(
        ReasonRequest? request, TradingStateStore store, HttpContext http, CancellationToken ct) =>
        Transition(request, reasonRequired: false, store, (s, by, reason, now) => TradingStateMachine.Pause(s, by, reason, now), http, ct);

    public static Task<Results<Ok<TradingStateView>, ValidationProblem, ProblemHttpResult>> Reduce(
        ReasonRequest? request, TradingStateStore store, HttpContext http, CancellationToken ct) =>
        Transition(request, reasonRequired: false, store, (s, by, reason, now) => TradingStateMachine.Reduce(s, by, reason, now), http, ct);

    public static Task<Results<Ok<TradingStateView>, ValidationProblem, ProblemHttpResult>> Halt(
        ReasonRequest? request, TradingStateStore store, HttpContext http, CancellationToken ct) =>
        Transition(request, reasonRequired: true, store, (s, by, reason, now) => TradingStateMachine.Halt(s, by, reason!, now), http, ct);

    public static Task<Results<Ok<TradingStateView>, ValidationProblem, ProblemHttpResult>> EnableResume(
        TradingStateStore store, HttpContext http, CancellationToken ct) =>
        Transition(null, reasonRequired: false, store, (s, by, _, now) => TradingStateMachine.EnableResume(s, by, now), http, ct);

    public static Task<Results<Ok<TradingStateView>, ValidationProblem, ProblemHttpResult>> Resume(
        TradingStateStore store, HttpContext http, CancellationToken ct) =>
        Transition(null, reasonRequired: false, store, (s, by, _, now) => TradingStateMachine.Resume(s, by, now), http, ct);

    public sealed record KillSwitchView(TradingStateView State, KillSwitchActionsExecuted ActionsExecuted, IReadOnlyList<string> Errors,
        DateTimeOffset Timestamp);

    /// <summary>Halts, cancels every working order and (unless <c>flatten: false</c>) closes every position.</summary>
    public static async Task<Results<Ok<KillSwitchView>, ValidationProblem>> KillSwitch(KillSwitchRequest? request,
        TradingState.KillSwitch killSwitch, HttpContext http, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "Kill switch activated" : request.Reason.Trim();
        if (reason.Length > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["The reason is limited to 1000 characters."] });
        }

        var report = await killSwitch.EngageAsync(http.User.Identity?.Name ?? "operator", reason, request?.Flatten ?? true, ct);
        return TypedResults.Ok(new KillSwitchView(TradingStateView.From(report.State), report.ActionsExecuted, report.Errors, report.Timestamp));
    }

    private static async Task<Results<Ok<TradingStateView>, ValidationProblem, ProblemHttpResult>> Transition(
        ReasonRequest? request, bool reasonRequired, TradingStateStore store,
        Func<TradingStatus, string, string?, DateTimeOffset, TransitionResult> transition, HttpContext http, CancellationToken ct)
    {
        var reason = request?.Reason?.Trim();
        if (reasonRequired && string.IsNullOrEmpty(reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["A reason is required."] });
        }

        if (reason is { Length: > 1000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["The reason is limited to 1000 characters."] });
        }

        var by = http.User.Identity?.Name ?? "operator";
        var result = await store.ChangeAsync((status, now) => transition(status, by, reason, now), ct);
        return result.Succeeded
            ? TypedResults.Ok(TradingStateView.From(result.Status))
            : Problems.Conflict(result.Error!, result.ErrorCode!);
    }

    public sealed record LimitsView(string AccountId, RiskLimitsDocument Limits, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    public static async Task<Ok<LimitsView>> GetLimits(string accountId, RiskDbContext db, CancellationToken ct)
    {
        var stored = await db.Limits.AsNoTracking().SingleOrDefaultAsync(l => l.AccountId == accountId, ct);
        return TypedResults.Ok(stored is null
            ? new LimitsView(accountId, RiskLimitsDocument.From(new RiskLimits()), IsDefault: true, null, null)
            : new LimitsView(accountId, stored.Limits, IsDefault: false, stored.UpdatedAt, stored.UpdatedBy));
    }

    public static async Task<Results<Ok<LimitsView>, ValidationProblem>> PutLimits(string accountId, RiskLimitsDocument request,
        RiskDbContext db, LimitsCache limitsCache, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var errors = request.ToLimits().Validate();
        if (string.IsNullOrWhiteSpace(accountId) || accountId.Length > 64)
        {
            errors["accountId"] = ["An account id of 1 to 64 characters is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var normalized = RiskLimitsDocument.From(request.ToLimits());
        var stored = await db.Limits.SingleOrDefaultAsync(l => l.AccountId == accountId, ct);
        var by = http.User.Identity?.Name ?? "operator";
        if (stored is null)
        {
            stored = new AccountRiskLimits { AccountId = accountId, Limits = normalized, UpdatedBy = by };
            db.Limits.Add(stored);
        }

        stored.Limits = normalized;
        stored.UpdatedAt = time.GetUtcNow();
        stored.UpdatedBy = by;
        // The audit trail records every limit change (operations service).
        db.AddIntegrationEvent(new Contracts.Operations.RiskLimitsChanged(accountId, by,
            System.Text.Json.JsonSerializer.Serialize(normalized, System.Text.Json.JsonSerializerOptions.Web), stored.UpdatedAt));
        await db.SaveChangesAsync(ct);
        limitsCache.Invalidate(accountId);
        return TypedResults.Ok(new LimitsView(accountId, stored.Limits, IsDefault: false, stored.UpdatedAt, stored.UpdatedBy));
    }

    public static Ok<RiskBiasReading> GetBias(RiskBiasMonitor monitor) => TypedResults.Ok(monitor.Current);

    public static async Task<Results<Ok<RiskCheckResponse>, ValidationProblem>> Check(RiskCheckRequest request, PreTradeCheck check,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.AccountId))
        {
            errors["accountId"] = ["An account id is required."];
        }

        if (string.IsNullOrWhiteSpace(request.Symbol))
        {
            errors["symbol"] = ["A symbol is required."];
        }

        if (request.Side is not ("buy" or "sell"))
        {
            errors["side"] = ["Side must be buy or sell."];
        }

        if (request.Quantity <= 0)
        {
            errors["quantity"] = ["The quantity must be positive."];
        }

        if (request.Price <= 0)
        {
            errors["price"] = ["The price must be positive."];
        }

        if (request.Multiplier <= 0)
        {
            errors["multiplier"] = ["The multiplier must be positive."];
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await check.CheckAsync(request, ct));
    }
}
