using AqTrading.Contracts;
using AqTrading.ServicePlatform.Inbox;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AqTrading.ServicePlatform.IntegrationTests;

/// <summary>The producing side's state: a widget row, written with its event in one transaction.</summary>
public sealed class Widget
{
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The consuming side's state: one row per applied event; a double application would add a second.</summary>
public sealed class WidgetApplication
{
    public long Id { get; init; }

    public required string WidgetName { get; init; }

    public Guid MessageId { get; init; }
}

public sealed record WidgetCreated(string Name, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed class WidgetDbContext(DbContextOptions<WidgetDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public DbSet<WidgetApplication> Applications => Set<WidgetApplication>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Widget>().HasKey(w => w.Name);
        modelBuilder.Entity<WidgetApplication>().HasKey(a => a.Id);
    }
}

public sealed class WidgetDesignTimeFactory : DesignTimeDbContextFactory<WidgetDbContext>;

/// <summary>Counts failures it is told to inject, so a test can make the first attempts fail.</summary>
public sealed class FailureInjection
{
    private int _remaining;

    public void FailNext(int times) => Interlocked.Exchange(ref _remaining, times);

    public bool ShouldFail() => Interlocked.Decrement(ref _remaining) >= 0;
}

public sealed class WidgetCreatedConsumer(WidgetDbContext db, TimeProvider time, FailureInjection failures, ILogger<WidgetCreatedConsumer> logger)
    : IdempotentConsumer<WidgetCreated, WidgetDbContext>(db, time, logger)
{
    /// <summary>Widgets named <c>foreign-…</c> belong to someone else.</summary>
    protected override ValueTask<bool> ConcernsAsync(WidgetCreated message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(!message.Name.StartsWith("foreign-", StringComparison.Ordinal));

    protected override Task HandleAsync(WidgetCreated message, CancellationToken cancellationToken)
    {
        Db.Applications.Add(new WidgetApplication { WidgetName = message.Name });
        if (failures.ShouldFail())
        {
            // Fails after the change was staged: the transaction must roll back the inbox row with it.
            throw new InvalidOperationException("injected failure");
        }

        return Task.CompletedTask;
    }
}

/// <summary>What the batch consumer saw: the size of every batch it applied, and every attempt at a poisoned widget.</summary>
public sealed class BatchLog
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<int> _sizes = new();
    private int _poisonAttempts;

    public IReadOnlyCollection<int> Sizes => _sizes;

    public int PoisonAttempts => Volatile.Read(ref _poisonAttempts);

    public void Applied(int size) => _sizes.Enqueue(size);

    public void Poisoned() => Interlocked.Increment(ref _poisonAttempts);
}

/// <summary>Applies widgets in batches; a widget named <c>poison-…</c> can never be applied.</summary>
public sealed class WidgetBatchConsumer(WidgetDbContext db, TimeProvider time, BatchLog log, ILogger<WidgetBatchConsumer> logger)
    : IdempotentBatchConsumer<WidgetCreated, WidgetDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<WidgetCreated> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message.Name.StartsWith("poison-", StringComparison.Ordinal))
            {
                log.Poisoned();
                throw new InvalidOperationException($"{message.Name} cannot be applied");
            }

            Db.Applications.Add(new WidgetApplication { WidgetName = message.Name });
        }

        await Db.SaveChangesAsync(cancellationToken);
        log.Applied(messages.Count);
    }
}
