using System.Globalization;
using AqTrading.Risk.Checks;
using AqTrading.Risk.Data;
using AqTrading.Risk.Greeks;
using AqTrading.Risk.Rules.Greeks;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Risk;

/// <summary><c>/api/greeks</c>: an account's current Greeks, limits, history, alerts and scenario shocks.</summary>
public static class GreeksApi
{
    public static WebApplication MapGreeksApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/greeks").WithTags("Greeks");
        api.MapGet("/accounts/{accountId}", GetAccount)
            .WithSummary("The account's dollar Greeks now: whole account, per strategy, per underlying and per position, with coverage and staleness.");
        api.MapGet("/accounts/{accountId}/current", GetCurrent)
            .WithSummary("One scope's current Greeks: scope=account (default), strategy or underlying with scopeId.");
        api.MapGet("/accounts/{accountId}/limits", GetLimits).WithSummary("The account's warn/crit/hard Greeks limits (the defaults until edited).");
        api.MapPut("/accounts/{accountId}/limits", PutLimits).WithSummary("Replaces the account's Greeks limits; 0 < warn < crit < hard per dimension.");
        api.MapGet("/accounts/{accountId}/history", GetHistory)
            .WithSummary("Stored snapshots averaged per bucket: window=1h (30 s), 4h (1 min), 1d (5 min) or 7d (1 h); scope=account or strategy.");
        api.MapGet("/accounts/{accountId}/alerts", GetAlerts).WithSummary("Threshold alerts, newest first; acknowledged=false (default) or true.");
        api.MapPost("/alerts/{alertId:guid}/acknowledge", Acknowledge).WithSummary("Acknowledges an alert.");
        api.MapGet("/accounts/{accountId}/scenario", GetScenario)
            .WithSummary("P&L and new dollar delta for ±x % moves of the underlyings (shocks=1,2 by default).");
        return app;
    }

    public sealed record GreeksLimitsBody(GreekLevels? DollarDelta, GreekLevels? GammaDollar, GreekLevels? VegaPer1Pct, GreekLevels? ThetaPerDay);

    public sealed record GreeksLimitsView(string AccountId, GreeksLimits Limits, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    public sealed record HistoryPoint(DateTimeOffset Time, DollarGreeksView Greeks, double CoveragePct, int PointCount);

    public sealed record HistoryView(string AccountId, string Scope, string ScopeId, string Window, string Bucket, IReadOnlyList<HistoryPoint> Points);

    public sealed record AlertView(Guid AlertId, string Scope, string ScopeId, string Metric, string Level, double Value, double Threshold,
        string Message, DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy)
    {
        public static AlertView From(GreeksAlertRecord a) => new(a.Id, a.Scope, a.ScopeId, a.Metric, a.Level, a.Value, a.Threshold, a.Message,
            a.CreatedAt, a.AcknowledgedAt, a.AcknowledgedBy);
    }

    public sealed record ScenarioView(string AccountId, string Scope, string ScopeId, DollarGreeksView Current,
        IReadOnlyDictionary<string, GreeksScenario> Scenarios);

    public static async Task<Results<Ok<AccountGreeksView>, ProblemHttpResult>> GetAccount(string accountId,
        GreeksBook book, IOptions<GreeksOptions> options, TimeProvider time, CancellationToken ct)
    {
        var (greeks, problem) = await ComputeAsync(accountId, book, ct);
        if (greeks is null)
        {
            return problem!;
        }

        return TypedResults.Ok(AccountGreeksView.From(greeks, time.GetUtcNow(), options.Value.MaxStalenessSeconds));
    }

    public static async Task<Results<Ok<GreeksAggregateView>, ProblemHttpResult, ValidationProblem>> GetCurrent(
        string accountId, string? scope, string? scopeId, GreeksBook book, IOptions<GreeksOptions> options, TimeProvider time, CancellationToken ct)
    {
        scope = (scope ?? "account").ToLowerInvariant();
        if (scope is not ("account" or "strategy" or "underlying"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["The scope is account, strategy or underlying."] });
        }

        if (scope != "account" && string.IsNullOrWhiteSpace(scopeId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scopeId"] = [$"A {scope} scope needs a scopeId."] });
        }

        var (greeks, problem) = await ComputeAsync(accountId, book, ct);
        if (greeks is null)
        {
            return problem!;
        }

        if (Scope(greeks, scope, scopeId) is not { } aggregate)
        {
            return Problems.NotFound($"Account {accountId} holds nothing in {scope} {scopeId}.");
        }

        return TypedResults.Ok(GreeksAggregateView.From(aggregate, time.GetUtcNow(), options.Value.MaxStalenessSeconds));
    }

    public static async Task<Ok<GreeksLimitsView>> GetLimits(string accountId, RiskDbContext db, CancellationToken ct)
    {
        var stored = await db.GreeksLimits.AsNoTracking().SingleOrDefaultAsync(l => l.AccountId == accountId, ct);
        return TypedResults.Ok(stored is null
            ? new GreeksLimitsView(accountId, GreeksLimits.Default, IsDefault: true, null, null)
            : new GreeksLimitsView(accountId, stored.Limits, IsDefault: false, stored.UpdatedAt, stored.UpdatedBy));
    }

    public static async Task<Results<Ok<GreeksLimitsView>, ValidationProblem>> PutLimits(string accountId, GreeksLimitsBody? body,
        RiskDbContext db, GreeksLimitsCache cache, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var errors = body is null
            ? new Dictionary<string, string[]> { ["body"] = ["Limits for dollarDelta, gammaDollar, vegaPer1Pct and thetaPerDay are required."] }
            : GreeksLimits.Validate(body.DollarDelta, body.GammaDollar, body.VegaPer1Pct, body.ThetaPerDay);
        if (string.IsNullOrWhiteSpace(accountId) || accountId.Length > 64)
        {
            errors["accountId"] = ["An account id of 1 to 64 characters is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var limits = new GreeksLimits(body!.DollarDelta!, body.GammaDollar!, body.VegaPer1Pct!, body.ThetaPerDay!);
        var by = http.User.Identity?.Name ?? "operator";
        var stored = await db.GreeksLimits.SingleOrDefaultAsync(l => l.AccountId == accountId, ct);
        var previous = stored is null ? null : System.Text.Json.JsonSerializer.Serialize(stored.Limits, System.Text.Json.JsonSerializerOptions.Web);
        if (stored is null)
        {
            stored = new GreeksLimitsRecord { AccountId = accountId, Limits = limits, UpdatedBy = by };
            db.GreeksLimits.Add(stored);
        }

        stored.Limits = limits;
        stored.UpdatedAt = time.GetUtcNow();
        stored.UpdatedBy = by;
        // The audit trail records the change with the limits before and after (operations service, through the outbox).
        db.AddIntegrationEvent(new Contracts.Operations.ConfigurationChanged("risk", $"greeks_limits:{accountId}", previous,
            System.Text.Json.JsonSerializer.Serialize(limits, System.Text.Json.JsonSerializerOptions.Web), by, stored.UpdatedAt));
        await db.SaveChangesAsync(ct);
        cache.Invalidate(accountId);
        return TypedResults.Ok(new GreeksLimitsView(accountId, stored.Limits, IsDefault: false, stored.UpdatedAt, stored.UpdatedBy));
    }

    /// <summary>The reference's buckets: 1h by 30 s, 4h by 1 min, 1d by 5 min, 7d by 1 h.</summary>
    private static readonly Dictionary<string, (TimeSpan Span, TimeSpan Bucket, string Label)> Windows = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1h"] = (TimeSpan.FromHours(1), TimeSpan.FromSeconds(30), "30s"),
        ["4h"] = (TimeSpan.FromHours(4), TimeSpan.FromMinutes(1), "1m"),
        ["1d"] = (TimeSpan.FromDays(1), TimeSpan.FromMinutes(5), "5m"),
        ["7d"] = (TimeSpan.FromDays(7), TimeSpan.FromHours(1), "1h"),
    };

    public static async Task<Results<Ok<HistoryView>, ValidationProblem>> GetHistory(string accountId, string? window, string? scope,
        string? scopeId, RiskDbContext db, TimeProvider time, CancellationToken ct)
    {
        window ??= "1h";
        scope = (scope ?? "account").ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        if (!Windows.TryGetValue(window, out var w))
        {
            errors["window"] = ["The window is 1h, 4h, 1d or 7d."];
        }

        if (scope is not ("account" or "strategy"))
        {
            errors["scope"] = ["The scope is account or strategy."];
        }
        else if (scope == "strategy" && string.IsNullOrWhiteSpace(scopeId))
        {
            errors["scopeId"] = ["A strategy scope needs a scopeId."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var id = scope == "account" ? accountId : scopeId!;
        var since = time.GetUtcNow() - w.Span;
        var rows = await db.GreeksSnapshots.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.Scope == scope && s.ScopeId == id && s.CreatedAt >= since)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new { s.CreatedAt, s.DollarDelta, s.GammaDollar, s.VegaPer1Pct, s.ThetaPerDay, s.CoveragePct })
            .ToListAsync(ct);
        var ticks = w.Bucket.Ticks;
        var points = rows
            .GroupBy(r => r.CreatedAt.UtcTicks / ticks)
            .Select(g => new HistoryPoint(new DateTimeOffset(g.Key * ticks, TimeSpan.Zero),
                new DollarGreeksView(g.Average(r => r.DollarDelta), g.Average(r => r.GammaDollar), g.Average(r => r.VegaPer1Pct),
                    g.Average(r => r.ThetaPerDay), new DollarGreeks(0, g.Average(r => r.GammaDollar), 0, 0).GammaPnl1Pct),
                g.Average(r => r.CoveragePct), g.Count()))
            .ToList();
        return TypedResults.Ok(new HistoryView(accountId, scope, id, window.ToLowerInvariant(), w.Label, points));
    }

    public static async Task<Ok<List<AlertView>>> GetAlerts(string accountId, bool? acknowledged, RiskDbContext db, CancellationToken ct)
    {
        var wantAcknowledged = acknowledged ?? false;
        var alerts = await db.GreeksAlerts.AsNoTracking()
            .Where(a => a.AccountId == accountId && (a.AcknowledgedAt != null) == wantAcknowledged)
            .OrderByDescending(a => a.CreatedAt)
            .Take(500)
            .ToListAsync(ct);
        return TypedResults.Ok(alerts.Select(AlertView.From).ToList());
    }

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Acknowledge(Guid alertId, RiskDbContext db, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        var alert = await db.GreeksAlerts.SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return Problems.NotFound($"No Greeks alert {alertId}.");
        }

        // Acknowledging twice keeps the first acknowledgement.
        if (alert.AcknowledgedAt is null)
        {
            alert.AcknowledgedAt = time.GetUtcNow();
            alert.AcknowledgedBy = http.User.Identity?.Name ?? "operator";
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(AlertView.From(alert));
    }

    public static async Task<Results<Ok<ScenarioView>, ProblemHttpResult, ValidationProblem>> GetScenario(
        string accountId, string? shocks, string? scope, string? scopeId, GreeksBook book, GreeksLimitsCache limits, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<double>();
        foreach (var token in (shocks ?? "1,2").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (double.TryParse(token.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && pct is > 0 and <= 50)
            {
                parsed.Add(pct);
            }
            else
            {
                errors["shocks"] = [$"'{token}' is not a shock: give percentages above 0 and at most 50, e.g. shocks=1,2."];
            }
        }

        if (parsed.Count == 0 && errors.Count == 0)
        {
            errors["shocks"] = ["At least one shock is required, e.g. shocks=1,2."];
        }

        scope = (scope ?? "account").ToLowerInvariant();
        if (scope is not ("account" or "strategy" or "underlying"))
        {
            errors["scope"] = ["The scope is account, strategy or underlying."];
        }
        else if (scope != "account" && string.IsNullOrWhiteSpace(scopeId))
        {
            errors["scopeId"] = [$"A {scope} scope needs a scopeId."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (greeks, problem) = await ComputeAsync(accountId, book, ct);
        if (greeks is null)
        {
            return problem!;
        }

        if (Scope(greeks, scope, scopeId) is not { } aggregate)
        {
            return Problems.NotFound($"Account {accountId} holds nothing in {scope} {scopeId}.");
        }

        var deltaLevels = (await limits.ForAsync(accountId, ct)).DollarDelta;
        var scenarios = GreeksScenarios.Run(aggregate.Greeks, parsed.Distinct(), deltaLevels).ToDictionary(s => s.Shock, StringComparer.Ordinal);
        return TypedResults.Ok(new ScenarioView(accountId, scope, scope == "account" ? accountId : scopeId!, DollarGreeksView.From(aggregate.Greeks),
            scenarios));
    }

    private static GreeksAggregate? Scope(AccountGreeks greeks, string scope, string? scopeId) => scope switch
    {
        "strategy" => greeks.Strategies.GetValueOrDefault(scopeId!),
        "underlying" => greeks.Underlyings.GetValueOrDefault(scopeId!.ToUpperInvariant()),
        _ => greeks.Account,
    };

    /// <summary>Live: the account's Greeks recomputed now (404 when the portfolio does not know it, 503 when it cannot be asked).</summary>
    private static async Task<(AccountGreeks? Greeks, ProblemHttpResult? Problem)> ComputeAsync(string accountId, GreeksBook book, CancellationToken ct)
    {
        try
        {
            var greeks = await book.RefreshAsync(accountId, ct);
            return greeks is null ? (null, Problems.NotFound($"Account {accountId} is not known.")) : (greeks, null);
        }
        catch (PortfolioUnavailableException e)
        {
            return (null, TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Portfolio unavailable"));
        }
        catch (StackExchange.Redis.RedisException e)
        {
            return (null, TypedResults.Problem($"Quotes cannot be read: {e.Message}", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Quotes unavailable"));
        }
    }
}
