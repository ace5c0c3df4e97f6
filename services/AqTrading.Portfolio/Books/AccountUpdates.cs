using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AqTrading.Portfolio.Data;
using AqTrading.Portfolio.Positions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.Portfolio.Books;

public sealed class AccountUpdatesOptions
{
    /// <summary>How often accounts are revalued at the latest marks; a changed summary is published.</summary>
    public TimeSpan MarkInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Publishes each account's summary (the JSON of <c>GET /api/portfolio/accounts/{id}</c>) on the Redis channel
/// <c>portfolio:updates</c>: at once after a booked fill commits, and when a revaluation at the latest marks (every
/// <see cref="AccountUpdatesOptions.MarkInterval"/>) changes it. The gateway relays the channel to browsers
/// (<c>/hubs/live</c>). Best effort: Redis being away loses pushes, never bookings.
/// </summary>
public sealed partial class AccountUpdates(IServiceScopeFactory scopes, IConnectionMultiplexer redis, IOptions<JsonOptions> json,
    IOptions<AccountUpdatesOptions> options, ILogger<AccountUpdates> logger) : BackgroundService
{
    public const string Channel = "portfolio:updates";

    private readonly SemaphoreSlim _booked = new(0, 1);
    private readonly Dictionary<string, string> _lastPublished = [];

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<AccountUpdates>();
        services.AddHostedService(provider => provider.GetRequiredService<AccountUpdates>());
        services.AddSingleton<BookingCommitted>();
        services.ConfigureDbContext<PortfolioDbContext>((provider, builder) => builder.AddInterceptors(provider.GetRequiredService<BookingCommitted>()));
    }

    /// <summary>A fill was booked and committed: publish now rather than at the next mark interval.</summary>
    public void FillBooked()
    {
        try
        {
            _booked.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one round publishes every account.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var afterFill = await _booked.WaitAsync(options.Value.MarkInterval, stoppingToken);
            try
            {
                await PublishAsync(force: afterFill, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPublishFailed(e.Message);
            }
        }
    }

    /// <summary>Values every account and publishes those whose summary changed (every one when <paramref name="force"/>).</summary>
    public async Task PublishAsync(bool force, CancellationToken ct)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDbContext>();
        var valuator = scope.ServiceProvider.GetRequiredService<AccountValuator>();
        var subscriber = redis.GetSubscriber();
        foreach (var id in await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct))
        {
            if (await valuator.AccountAsync(id, ct) is not { } view)
            {
                continue;
            }

            var body = JsonSerializer.Serialize(view, json.Value.SerializerOptions);
            if (!force && _lastPublished.GetValueOrDefault(id) == body)
            {
                continue;
            }

            await subscriber.PublishAsync(RedisChannel.Literal(Channel), body);
            _lastPublished[id] = body;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Account updates not published on portfolio:updates: {Reason}")]
    private partial void LogPublishFailed(string reason);

    /// <summary>Notices saves that book a fill (a new transaction row) and tells <see cref="AccountUpdates"/> once they commit.</summary>
    public sealed class BookingCommitted(IServiceProvider services) : SaveChangesInterceptor, IDbTransactionInterceptor
    {
        private readonly ConditionalWeakTable<DbContext, object> _booking = new();

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context && context.ChangeTracker.Entries<TransactionRecord>().Any(e => e.State == EntityState.Added))
            {
                _booking.AddOrUpdate(context, this);
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context && context.Database.CurrentTransaction is null && _booking.Remove(context))
            {
                services.GetRequiredService<AccountUpdates>().FillBooked();
            }

            return base.SavedChangesAsync(eventData, result, cancellationToken);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context && _booking.Remove(context))
            {
                services.GetRequiredService<AccountUpdates>().FillBooked();
            }

            return Task.CompletedTask;
        }
    }
}
