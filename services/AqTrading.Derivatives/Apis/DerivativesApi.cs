using AqTrading.Derivatives.Calculator;
using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Data;
using AqTrading.Derivatives.Expirations;
using AqTrading.Derivatives.Peers;
using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Derivatives.Pricing.Futures;
using AqTrading.Derivatives.Roll;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Derivatives;

public static class DerivativesApi
{
    public static WebApplication MapDerivativesApi(this WebApplication app)
    {
        app.MapServicePlatform<DerivativesDbContext>();
        var api = app.MapGroup("/api/derivatives").WithTags("Derivatives");
        api.MapGet("/contracts", ListContracts).WithSummary("Tracked option and futures contracts, soonest expiry first.");
        api.MapGet("/contracts/{symbol}", GetContract).WithSummary("One tracked contract.");
        api.MapPost("/calculator", Calculate)
            .WithSummary("Price and Greeks of one option (bsm, black76, american), from a volatility or by solving implied volatility from a price.");
        api.MapGet("/expiring", ListExpiring).WithSummary("Contracts expiring from today (New York) to today + days, with days to expiry and severity.");
        api.MapGet("/roll/plan", PreviewRoll).WithSummary("The futures roll plan of an account's positions (per-root rules, listing cycles).");
        api.MapPost("/roll/execute", ExecuteRoll).WithSummary("Send the due rolls (or the named contracts') as orders through the orders service and risk.");
        api.MapPost("/expirations/process", ProcessExpirations)
            .WithSummary("Settle every position in contracts expiring on a date: expire, exercise, assign (bookings in the portfolio).");
        api.MapPost("/expiring/check", CheckExpiring)
            .WithSummary("Publish the expiry warnings now due for held contracts (the hosted check runs hourly); each becomes an alert once.");
        api.MapGet("/expirations", ListExpirations).WithSummary("The expiration and assignment actions taken, newest first.");
        api.MapPost("/assignments", ApplyAssignment).WithSummary("Apply an early-assignment notice to a short option position.");
        return app;
    }

    public static Results<Ok<CalculatorResult>, ValidationProblem> Calculate(CalculatorRequest request)
    {
        var (result, errors) = OptionCalculator.Calculate(request);
        return result is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(result);
    }

    public static async Task<Ok<List<DerivativeContract>>> ListContracts(string? underlying, DerivativesDbContext db, CancellationToken ct)
    {
        var query = db.Contracts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(underlying))
        {
            query = query.Where(c => c.Underlying == underlying.ToUpperInvariant());
        }

        return TypedResults.Ok(await query.OrderBy(c => c.Expiry).ThenBy(c => c.Symbol).ToListAsync(ct));
    }

    public static async Task<Results<Ok<DerivativeContract>, ProblemHttpResult>> GetContract(
        string symbol, DerivativesDbContext db, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.Symbol == symbol.ToUpperInvariant(), ct);
        return contract is null
            ? Problems.NotFound($"No contract {symbol.ToUpperInvariant()} is tracked.")
            : TypedResults.Ok(contract);
    }

    public sealed record ExpiringContract(string Symbol, string Underlying, string ContractType, DateOnly Expiry, int DaysToExpiry,
        ExpirySeverity Severity, decimal? Strike, string? Right, string? Style, decimal Multiplier);

    public sealed record ExpiringList(DateOnly AsOf, int Days, int Total, List<ExpiringContract> Contracts);

    public static async Task<Results<Ok<ExpiringList>, ValidationProblem>> ListExpiring(DerivativesDbContext db, TimeProvider time,
        CancellationToken ct, int days = 5)
    {
        if (days is < 0 or > 365)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["days must be between 0 and 365."] });
        }

        var today = ExpiryWindow.NewYorkDate(time.GetUtcNow());
        var until = today.AddDays(days);
        var contracts = (await db.Contracts.AsNoTracking().Where(c => c.Expiry >= today && c.Expiry <= until)
                .OrderBy(c => c.Expiry).ThenBy(c => c.Symbol).ToListAsync(ct))
            .Select(c =>
            {
                var dte = ExpiryWindow.DaysToExpiry(c.Expiry, today);
                return new ExpiringContract(c.Symbol, c.Underlying, c.ContractType, c.Expiry, dte, ExpiryWindow.SeverityOf(dte), c.Strike, c.Right,
                    c.Style, c.Multiplier);
            }).ToList();
        return TypedResults.Ok(new ExpiringList(today, days, contracts.Count, contracts));
    }

    public static async Task<Results<Ok<IReadOnlyList<RollPlan>>, ValidationProblem, ProblemHttpResult>> PreviewRoll(string? accountId, DateOnly? asOf,
        FuturesRoller roller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(accountId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = ["accountId is required."] });
        }

        var plans = await roller.PlanAsync(accountId, asOf, ct);
        return plans is null ? Problems.NotFound($"No account '{accountId}'.") : TypedResults.Ok(plans);
    }

    /// <param name="Symbols">The front contracts to roll now, due or not; empty: every due roll.</param>
    /// <param name="AsOf">The New York date to plan as of (default today).</param>
    public sealed record ExecuteRollRequest(string? AccountId, List<string>? Symbols, DateOnly? AsOf);

    public static async Task<Results<Ok<IReadOnlyList<RollExecution>>, ValidationProblem, ProblemHttpResult>> ExecuteRoll(ExecuteRollRequest request,
        FuturesRoller roller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.AccountId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = ["accountId is required."] });
        }

        var executions = await roller.ExecuteAsync(request.AccountId, request.Symbols, request.AsOf, ct);
        return executions is null ? Problems.NotFound($"No account '{request.AccountId}'.") : TypedResults.Ok(executions);
    }

    /// <param name="Date">The expiry date to settle (New York). Processed now whatever the clock says: a late run, or a test clock.</param>
    /// <param name="Accounts">Default: the configured accounts (<c>Derivatives:Expiration:Accounts</c>).</param>
    public sealed record ProcessExpirationsRequest(DateOnly? Date, List<string>? Accounts);

    public static async Task<Ok<ExpiryWarningRun>> CheckExpiring(ExpiryWarner warner, CancellationToken ct) =>
        TypedResults.Ok(await warner.CheckAsync(ct));

    public static async Task<Results<Ok<ExpiryRunResult>, ValidationProblem>> ProcessExpirations(ProcessExpirationsRequest request,
        ExpirationProcessor processor, CancellationToken ct)
    {
        if (request.Date is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["date (yyyy-MM-dd) is required."] });
        }

        return TypedResults.Ok(await processor.ProcessAsync(request.Date.Value, request.Accounts, ct));
    }

    public static async Task<Ok<List<ExpirationAction>>> ListExpirations(DateOnly? date, string? accountId, DerivativesDbContext db,
        CancellationToken ct, int limit = 100)
    {
        var query = db.ExpirationActions.AsNoTracking();
        if (date is not null) query = query.Where(a => a.Expiry == date);
        if (!string.IsNullOrWhiteSpace(accountId)) query = query.Where(a => a.AccountId == accountId);
        return TypedResults.Ok(await query.OrderByDescending(a => a.ProcessedAt).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct));
    }

    /// <param name="NoticeId">The broker's (or operator's) id of the notice: applying it twice books once.</param>
    /// <param name="Contracts">How many contracts of the short position were assigned.</param>
    public sealed record AssignmentNotice(string? NoticeId, string? AccountId, string? StrategyId, string? Symbol, decimal? Contracts);

    public static async Task<Results<Ok<ExpirationAction>, ValidationProblem, ProblemHttpResult>> ApplyAssignment(AssignmentNotice notice,
        DerivativesDbContext db, PortfolioClient portfolio, ExpirationProcessor processor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(notice.NoticeId) || notice.NoticeId.Length > 100) errors["noticeId"] = ["noticeId is required (at most 100 characters)."];
        if (string.IsNullOrWhiteSpace(notice.AccountId)) errors["accountId"] = ["accountId is required."];
        if (string.IsNullOrWhiteSpace(notice.Symbol)) errors["symbol"] = ["symbol is required."];
        if (notice.Contracts is not > 0) errors["contracts"] = ["contracts must be positive."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var symbol = notice.Symbol!.ToUpperInvariant();
        var contract = await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.Symbol == symbol, ct);
        if (contract is null) return Problems.NotFound($"No contract {symbol} is tracked.");
        if (contract.ContractType != "option" || contract.Strike is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["symbol"] = [$"{symbol} is not an option: only options are assigned."] });
        if (contract.Style == ExerciseStyles.European)
            return Problems.Unprocessable($"{symbol} is European style: it cannot be assigned before expiry.");

        var already = await db.ExpirationActions.AsNoTracking().SingleOrDefaultAsync(a => a.BookingId == $"assignment:{notice.NoticeId}", ct);
        if (already is { Status: "booked" }) return TypedResults.Ok(already);

        var positions = await portfolio.PositionsAsync(notice.AccountId!, ct);
        if (positions is null) return Problems.NotFound($"No account '{notice.AccountId}'.");
        var position = positions.SingleOrDefault(p => p.Symbol == symbol && p.StrategyId == notice.StrategyId);
        if (position is null || position.Quantity >= 0)
            return Problems.Unprocessable($"Account '{notice.AccountId}' holds no short {symbol}{(notice.StrategyId is null ? "" : $" for strategy {notice.StrategyId}")}: only a short option is assigned.");
        if (notice.Contracts > -position.Quantity)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contracts"] = [$"Only {-position.Quantity} contracts are short."] });

        var action = await processor.AssignEarlyAsync(contract, position, notice.Contracts!.Value, notice.NoticeId!, ct);
        return action.Status == "booked" ? TypedResults.Ok(action) : Problems.Conflict(action.Detail ?? "The booking failed.", "booking_failed");
    }
}
