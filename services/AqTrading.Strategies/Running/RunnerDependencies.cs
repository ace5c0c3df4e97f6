using System.Text.Json;
using AqTrading.ServicePlatform.Persistence;
using AqTrading.Strategies.Data;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Registry;
using AqTrading.Strategies.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.Strategies.Running;

/// <summary>What every runner needs from the process: Redis, the peers over HTTP, the database, the clock.</summary>
public sealed class RunnerDependencies(
    IConnectionMultiplexer redis,
    IHttpClientFactory http,
    IServiceScopeFactory scopes,
    IOptions<RunnerOptions> options,
    TimeProvider time,
    ILogger<StrategyRunner> logger)
{
    public const string MarketDataClientName = "market-data";
    public const string OrdersClientName = "orders";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IConnectionMultiplexer Redis => redis;

    public RunnerOptions Options => options.Value;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    // Made per use from the factory, so long-lived runners still get rotated handlers.
    public MarketDataClient MarketData => new(http.CreateClient(MarketDataClientName));

    public OrdersClient Orders => new(http.CreateClient(OrdersClientName));

    public async Task<IReadOnlyList<StrategyFill>> LoadFillsAsync(string strategyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrategiesDbContext>();
        var fills = await db.Fills.AsNoTracking().Where(f => f.StrategyId == strategyId).OrderBy(f => f.OccurredAt).ToListAsync(ct);
        return fills.Select(f => f.ToFill()).ToList();
    }

    public async Task SetStatusAsync(string strategyId, StrategyStatus status, string? error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrategiesDbContext>();
        var now = time.GetUtcNow();
        var message = error is { Length: > 2000 } ? error[..2000] : error;
        await db.Strategies.Where(s => s.Id == strategyId).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.Status, status)
            .SetProperty(s => s.LastError, message)
            .SetProperty(s => s.ErrorAt, s => status == StrategyStatus.Error ? now : s.ErrorAt)
            .SetProperty(s => s.StatusChangedAt, now)
            .SetProperty(s => s.UpdatedAt, now));
    }

    /// <summary>Stores a signal before it is sent; false when a signal with its id was stored (and so sent) before.</summary>
    public async Task<bool> RecordSignalAsync(Signal signal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrategiesDbContext>();
        var now = time.GetUtcNow();
        db.Signals.Add(new SignalRecord
        {
            Id = signal.Id, StrategyId = signal.StrategyId, Symbol = signal.Symbol, Side = signal.Side, Quantity = signal.Quantity,
            OrderType = signal.OrderType, LimitPrice = signal.LimitPrice, StopPrice = signal.StopPrice, Reason = signal.Reason.Length > 500 ? signal.Reason[..500] : signal.Reason,
            Time = signal.Time, FactorScores = JsonSerializer.Serialize(signal.FactorScores, Json), OrderStatus = SignalOrderStatus.Submitting,
            CreatedAt = now, UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation("strategy_signals"))
        {
            return false;
        }
    }

    public async Task RecordOrderAsync(Guid signalId, SubmittedOrder order)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrategiesDbContext>();
        var now = time.GetUtcNow();
        await db.Signals.Where(s => s.Id == signalId).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.OrderId, order.OrderId)
            .SetProperty(s => s.OrderStatus, order.Status)
            .SetProperty(s => s.RejectCode, order.RejectCode)
            .SetProperty(s => s.Error, order.Error)
            .SetProperty(s => s.UpdatedAt, now));
    }
}
