using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AqTrading.Orders.Data;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.Orders.Lifecycle;

/// <summary>
/// Publishes every order whose row a save added or changed (submission, risk's verdict, broker status, each fill,
/// cancel) on the Redis channel <c>orders:updates</c>, as the same JSON <c>GET /api/orders/{id}</c> answers — once the
/// change is committed, so a subscriber never sees a state that was rolled back. The gateway relays the channel to
/// browsers (<c>/hubs/live</c>). Best effort: Redis being away loses the push, never the order; pages reload over HTTP.
/// </summary>
public sealed partial class OrderUpdates(IConnectionMultiplexer redis, IOptions<JsonOptions> json, ILogger<OrderUpdates> logger)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public const string Channel = "orders:updates";

    private readonly ConditionalWeakTable<DbContext, List<string>> _pending = new();

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<OrderUpdates>();
        services.ConfigureDbContext<OrdersDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OrderUpdates>()));
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        // Serialised now, while the entities hold what is being written.
        var changed = eventData.Context?.ChangeTracker.Entries<Order>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => JsonSerializer.Serialize(e.Entity, json.Value.SerializerOptions)).ToList();
        if (changed is { Count: > 0 })
        {
            _pending.GetOrCreateValue(eventData.Context!).AddRange(changed);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            await PublishAsync(context);
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await PublishAsync(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }

        return Task.CompletedTask;
    }

    private async Task PublishAsync(DbContext context)
    {
        if (!_pending.TryGetValue(context, out var messages))
        {
            return;
        }

        _pending.Remove(context);
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            var subscriber = redis.GetSubscriber();
            // In save order, on one connection: subscribers see an order's states in the order they were written.
            await Task.WhenAll(messages.Select(m => subscriber.PublishAsync(RedisChannel.Literal(Channel), m)));
        }
        catch (RedisException e)
        {
            LogPublishFailed(messages.Count, e.Message);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Count} order update(s) not published on orders:updates: {Reason}")]
    private partial void LogPublishFailed(int count, string reason);
}
