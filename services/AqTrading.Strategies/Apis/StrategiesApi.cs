using System.Text.Json;
using AqTrading.Contracts.Operations;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.Strategies.Data;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.Catalog;
using AqTrading.Strategies.Registry;
using AqTrading.Strategies.Running;
using AqTrading.Strategies.Signals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Strategies;

/// <param name="Listening">Warm-up history loaded and subscribed to its Redis channels: every bar published from now on is processed.</param>
public sealed record StrategyRuntime(
    bool Listening,
    int BarsProcessed,
    int SignalsSent,
    int SignalsSuppressed,
    DateTimeOffset? LastBarAt,
    IReadOnlyList<StrategyPosition> Positions,
    StrategyPnl Pnl);

/// <param name="WarmupBars">The bars of history per symbol the strategy needs before it trades (null when the definition is invalid).</param>
/// <param name="Runtime">Positions and P&amp;L from the strategy's own fills; counters while it runs in this process.</param>
public sealed record StrategyView(
    string Id,
    string Kind,
    string AccountId,
    IReadOnlyList<string> Symbols,
    JsonElement Parameters,
    string Resolution,
    bool Enabled,
    string? Mode,
    StrategyStatus Status,
    string? LastError,
    DateTimeOffset? ErrorAt,
    DateTimeOffset? StatusChangedAt,
    int? WarmupBars,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    StrategyRuntime Runtime);

public sealed record SignalView(
    Guid Id,
    string StrategyId,
    string Symbol,
    SignalSide Side,
    decimal Quantity,
    SignalOrderType OrderType,
    decimal? LimitPrice,
    decimal? StopPrice,
    string Reason,
    DateTimeOffset Time,
    JsonElement FactorScores,
    Guid? OrderId,
    string? OrderStatus,
    string? RejectCode,
    string? Error,
    DateTimeOffset CreatedAt);

public sealed record SignalPage(IReadOnlyList<SignalView> Items, string? NextCursor);

public sealed record CreateStrategyRequest(string? Id, string? Kind, string? AccountId, List<string>? Symbols, JsonElement? Parameters,
    string? Resolution, bool? Enabled);

public sealed record StartStrategyRequest(string? Mode, bool? ConfirmLive);

public static class StrategiesApi
{
    private static readonly string[] Resolutions = ["1m", "1d"];

    public static WebApplication MapStrategiesApi(this WebApplication app)
    {
        app.MapServicePlatform<StrategiesDbContext>();
        var api = app.MapGroup("/api/strategies").WithTags("Strategies");
        api.MapGet("/", List).WithSummary("Every strategy with its status, positions and P&L.");
        api.MapGet("/kinds", (IStrategyFactory factory) => TypedResults.Ok(factory.Kinds)).WithSummary("The strategy kinds a definition can name.");
        api.MapGet("/{id}", Get).WithSummary("One strategy with its status, positions and P&L.");
        api.MapPost("/", Create).WithSummary("Registers a strategy (validated); enabled: true also starts it.");
        api.MapPost("/{id}/start", Start).WithSummary("Starts a strategy (paper); live needs confirmLive: true and runs as paper until a live broker exists.");
        api.MapPost("/{id}/stop", Stop).WithSummary("Stops a running strategy.");
        api.MapGet("/{id}/signals", Signals).WithSummary("The strategy's signals with the orders they became, newest first.");
        return app;
    }

    public static async Task<Ok<List<StrategyView>>> List(StrategiesDbContext db, StrategyRunnerHost host, CancellationToken ct)
    {
        var definitions = await db.Strategies.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var fills = (await db.Fills.AsNoTracking().OrderBy(f => f.OccurredAt).ToListAsync(ct)).ToLookup(f => f.StrategyId);
        return TypedResults.Ok(definitions.Select(d => View(d, host, fills[d.Id])).ToList());
    }

    public static async Task<Results<Ok<StrategyView>, ProblemHttpResult>> Get(string id, StrategiesDbContext db, StrategyRunnerHost host,
        CancellationToken ct) =>
        await ViewAsync(id, db, host, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound($"No strategy '{id}'.");

    public static async Task<Results<Created<StrategyView>, ValidationProblem, ProblemHttpResult>> Create(CreateStrategyRequest request,
        StrategiesDbContext db, StrategyRunnerHost host, IStrategyFactory factory, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var creation = factory.Create(new StrategySpec(request.Id ?? "", request.Kind ?? "", request.Symbols ?? [], request.Parameters));
        var errors = creation.Errors.ToDictionary(e => e.Key, e => e.Value);
        if (string.IsNullOrWhiteSpace(request.AccountId) || request.AccountId.Length > 64)
        {
            errors["accountId"] = ["The account the strategy trades for is required (at most 64 characters)."];
        }

        var resolution = request.Resolution ?? "1m";
        if (!Resolutions.Contains(resolution))
        {
            errors["resolution"] = ["The resolution must be 1m or 1d."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Strategies.AnyAsync(s => s.Id == request.Id, ct))
        {
            return Problems.Conflict($"A strategy '{request.Id}' exists already.", "strategy_exists");
        }

        var now = time.GetUtcNow();
        var definition = new StrategyDefinition
        {
            Id = request.Id!, Kind = request.Kind!, AccountId = request.AccountId!,
            Symbols = request.Symbols!.Select(s => s.ToUpperInvariant()).Distinct().ToList(),
            Parameters = request.Parameters is { ValueKind: JsonValueKind.Object } p ? p.GetRawText() : "{}",
            Resolution = resolution, Status = StrategyStatus.Stopped, CreatedAt = now, UpdatedAt = now, StatusChangedAt = now,
        };
        db.Strategies.Add(definition);
        // The audit trail records the definition with its creation (outbox, same transaction).
        db.AddIntegrationEvent(new ConfigurationChanged("strategies", $"strategy:{definition.Id}", null, JsonSerializer.Serialize(new
        {
            definition.Kind, definition.AccountId, definition.Symbols, parameters = JsonDocument.Parse(definition.Parameters).RootElement,
            definition.Resolution,
        }, JsonSerializerOptions.Web), Actor(http), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolationOf("strategies"))
        {
            return Problems.Conflict($"A strategy '{request.Id}' exists already.", "strategy_exists");
        }

        if (request.Enabled == true)
        {
            await host.StartStrategyAsync(request.Id!, ct);
        }

        var view = await ViewAsync(request.Id!, db, host, ct);
        return TypedResults.Created($"/api/strategies/{request.Id}", view!);
    }

    public static async Task<Results<Ok<StrategyView>, ValidationProblem, ProblemHttpResult>> Start(string id, StartStrategyRequest? request,
        StrategiesDbContext db, StrategyRunnerHost host, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var mode = request?.Mode ?? "paper";
        if (mode is not ("paper" or "live"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["The mode must be paper or live."] });
        }

        if (mode == "live" && request?.ConfirmLive != true)
        {
            return Problems.Unprocessable("Live trading needs explicit confirmation: send confirmLive: true. (No live broker exists yet; a confirmed live start runs on the paper broker.)");
        }

        var audit = new ConfigurationChanged("strategies", $"strategy:{id}", "stopped", $"running ({mode})", Actor(http), time.GetUtcNow());
        switch (await host.StartStrategyAsync(id, ct, audit))
        {
            case StartResult.NotFound:
                return Problems.NotFound($"No strategy '{id}'.");
            case StartResult.AlreadyRunning:
                return Problems.Conflict($"Strategy '{id}' is running already; stop it first.", "strategy_already_running");
            case StartResult.Invalid:
                var invalid = await ViewAsync(id, db, host, ct);
                return Problems.Unprocessable(invalid?.LastError ?? "The strategy's definition is invalid.");
            default:
                return TypedResults.Ok((await ViewAsync(id, db, host, ct))!);
        }
    }

    public static async Task<Results<Ok<StrategyView>, ProblemHttpResult>> Stop(string id, StrategiesDbContext db, StrategyRunnerHost host,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!await db.Strategies.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound($"No strategy '{id}'.");
        }

        if (!await host.StopStrategyAsync(id, ct,
                new ConfigurationChanged("strategies", $"strategy:{id}", "running", "stopped", Actor(http), time.GetUtcNow())))
        {
            return Problems.Conflict($"Strategy '{id}' is not running.", "strategy_not_running");
        }

        return TypedResults.Ok((await ViewAsync(id, db, host, ct))!);
    }

    private static string Actor(HttpContext http) => http.User.Identity?.Name ?? "operator";

    /// <param name="before">The <c>nextCursor</c> of the previous page.</param>
    public static async Task<Results<Ok<SignalPage>, ValidationProblem, ProblemHttpResult>> Signals(string id, StrategiesDbContext db,
        CancellationToken ct, int limit = 50, long? before = null)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["'limit' must be from 1 to 1000."] });
        }

        if (!await db.Strategies.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound($"No strategy '{id}'.");
        }

        var query = db.Signals.AsNoTracking().Where(s => s.StrategyId == id);
        if (before is { } cursor)
        {
            query = query.Where(s => s.Sequence < cursor);
        }

        var rows = await query.OrderByDescending(s => s.Sequence).Take(limit + 1).ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var items = page.Select(s => new SignalView(s.Id, s.StrategyId, s.Symbol, s.Side, s.Quantity, s.OrderType, s.LimitPrice, s.StopPrice, s.Reason, s.Time,
            JsonDocument.Parse(s.FactorScores).RootElement.Clone(), s.OrderId, s.OrderStatus, s.RejectCode, s.Error, s.CreatedAt)).ToList();
        return TypedResults.Ok(new SignalPage(items, rows.Count > limit ? page[^1].Sequence.ToString() : null));
    }

    private static async Task<StrategyView?> ViewAsync(string id, StrategiesDbContext db, StrategyRunnerHost host, CancellationToken ct)
    {
        var definition = await db.Strategies.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (definition is null)
        {
            return null;
        }

        var fills = await db.Fills.AsNoTracking().Where(f => f.StrategyId == id).OrderBy(f => f.OccurredAt).ToListAsync(ct);
        return View(definition, host, fills);
    }

    private static StrategyView View(StrategyDefinition d, StrategyRunnerHost host, IEnumerable<Fills.StrategyFillRecord> fills)
    {
        StrategyRuntime runtime;
        if (host.Snapshot(d.Id) is { } snapshot)
        {
            runtime = new StrategyRuntime(snapshot.Listening, snapshot.BarsProcessed, snapshot.SignalsSent, snapshot.SignalsSuppressed, snapshot.LastBarAt,
                snapshot.Positions, snapshot.Pnl);
        }
        else
        {
            // Not running in this process: the book from the stored fills (no marks, so no unrealized P&L).
            var context = new StrategyContext(d.Id, d.AccountId, 1);
            foreach (var fill in fills)
            {
                context.ApplyFill(fill.ToFill());
            }

            runtime = new StrategyRuntime(false, 0, 0, 0, null, context.Positions, context.Pnl);
        }

        var creation = host.Factory.Create(d);
        using var parameters = JsonDocument.Parse(d.Parameters);
        return new StrategyView(d.Id, d.Kind, d.AccountId, d.Symbols, parameters.RootElement.Clone(), d.Resolution, d.Enabled, d.Mode, d.Status,
            d.LastError, d.ErrorAt, d.StatusChangedAt, creation.Strategy?.WarmupBars, d.CreatedAt, d.UpdatedAt, runtime);
    }

    private static bool IsUniqueViolationOf(this DbUpdateException e, string table) =>
        AqTrading.ServicePlatform.Persistence.DbUpdateExceptionExtensions.IsUniqueViolation(e, table);
}
