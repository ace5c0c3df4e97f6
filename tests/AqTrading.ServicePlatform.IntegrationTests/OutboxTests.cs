using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using AqTrading.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AqTrading.ServicePlatform.IntegrationTests.PlatformHost;

namespace AqTrading.ServicePlatform.IntegrationTests;

[CollectionDefinition(nameof(ServersCollection))]
public sealed class ServersCollection : ICollectionFixture<LocalServers>;

[Collection(nameof(ServersCollection))]
public sealed class OutboxTests(LocalServers servers)
{
    [Fact]
    public async Task State_change_and_its_event_commit_together_and_the_event_reaches_a_consumer()
    {
        var producerDb = await servers.CreateDatabaseAsync("producer");
        var consumerDb = await servers.CreateDatabaseAsync("consumer");
        using var consumer = await PlatformHost.StartAsync(servers, Unique("consumer"), consumerDb, withConsumer: true);
        using var producer = await PlatformHost.StartAsync(servers, Unique("producer"), producerDb);

        var name = Unique("widget");
        await CreateWidgetAsync(producer, name);

        await Eventually(async () => await CountApplicationsAsync(consumer, name) == 1);
        await Eventually(async () => await PendingOutboxAsync(producer) == 0);
    }

    [Fact]
    public async Task A_crash_between_commit_and_publish_loses_nothing()
    {
        var producerDb = await servers.CreateDatabaseAsync("producer");
        var consumerDb = await servers.CreateDatabaseAsync("consumer");
        using var consumer = await PlatformHost.StartAsync(servers, Unique("consumer"), consumerDb, withConsumer: true);
        var name = Unique("widget");

        // The first producer process commits and "dies" before its publisher runs.
        using (var crashed = await PlatformHost.StartAsync(servers, Unique("producer"), producerDb, publisherEnabled: false))
        {
            await CreateWidgetAsync(crashed, name);
            Assert.Equal(1, await PendingOutboxAsync(crashed));
            await crashed.StopAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await CountApplicationsAsync(consumer, name));

        // Its replacement finds the committed row and publishes it.
        using var restarted = await PlatformHost.StartAsync(servers, Unique("producer"), producerDb);
        await Eventually(async () => await CountApplicationsAsync(consumer, name) == 1);
        await Eventually(async () => await PendingOutboxAsync(restarted) == 0);
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        var producerDb = await servers.CreateDatabaseAsync("producer");
        using var producer = await PlatformHost.StartAsync(servers, Unique("producer"), producerDb, publisherEnabled: false);
        await using var scope = producer.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();

        var name = Unique("widget");
        // The change and its event are saved, then a later step of the same unit of work fails.
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
        {
            db.Widgets.Add(new Widget { Name = name, CreatedAt = DateTimeOffset.UtcNow });
            db.AddIntegrationEvent(new WidgetCreated(name, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(ct);
            throw new InvalidOperationException("a later step failed");
        }));

        Assert.False(await db.Widgets.AnyAsync(w => w.Name == name));
        Assert.Equal(0, await PendingOutboxAsync(producer));
    }

    [Fact]
    public async Task A_message_the_consumer_does_not_concern_itself_with_leaves_no_inbox_row()
    {
        var consumerDb = await servers.CreateDatabaseAsync("consumer");
        using var consumer = await PlatformHost.StartAsync(servers, Unique("consumer"), consumerDb, withConsumer: true);
        var observer = new ConsumeCounter();
        var bus = consumer.Services.GetRequiredService<IBus>();
        using var _ = bus.ConnectConsumeObserver(observer);

        var foreignId = NewId.NextGuid();
        var ownId = NewId.NextGuid();
        await bus.Publish(new WidgetCreated(Unique("foreign-widget"), DateTimeOffset.UtcNow), context => context.MessageId = foreignId);
        await bus.Publish(new WidgetCreated(Unique("widget"), DateTimeOffset.UtcNow), context => context.MessageId = ownId);

        await Eventually(() => Task.FromResult(observer.Consumed(foreignId) == 1 && observer.Consumed(ownId) == 1));
        using var scope = consumer.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();
        Assert.False(await db.ProcessedMessages.AnyAsync(m => m.MessageId == foreignId));
        Assert.True(await db.ProcessedMessages.AnyAsync(m => m.MessageId == ownId));
    }

    [Fact]
    public async Task A_duplicate_delivery_is_applied_once()
    {
        var consumerDb = await servers.CreateDatabaseAsync("consumer");
        using var consumer = await PlatformHost.StartAsync(servers, Unique("consumer"), consumerDb, withConsumer: true);
        var observer = new ConsumeCounter();
        var bus = consumer.Services.GetRequiredService<IBus>();
        using var _ = bus.ConnectConsumeObserver(observer);

        var name = Unique("widget");
        var messageId = NewId.NextGuid();
        var message = new WidgetCreated(name, DateTimeOffset.UtcNow);
        // The same message twice, as RabbitMQ redelivers or the outbox re-sends after a crash.
        await bus.Publish(message, context => context.MessageId = messageId);
        await bus.Publish(message, context => context.MessageId = messageId);

        await Eventually(() => Task.FromResult(observer.Consumed(messageId) == 2));
        Assert.Equal(1, await CountApplicationsAsync(consumer, name));
    }

    [Fact]
    public async Task A_consumer_that_fails_mid_way_records_nothing_and_the_retry_applies_the_message_once()
    {
        var consumerDb = await servers.CreateDatabaseAsync("consumer");
        var failures = new FailureInjection();
        failures.FailNext(2);
        using var consumer = await PlatformHost.StartAsync(servers, Unique("consumer"), consumerDb, withConsumer: true, failures: failures);
        var bus = consumer.Services.GetRequiredService<IBus>();

        var name = Unique("widget");
        await bus.Publish(new WidgetCreated(name, DateTimeOffset.UtcNow));

        await Eventually(async () => await CountApplicationsAsync(consumer, name) == 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CountApplicationsAsync(consumer, name));
        Assert.False(failures.ShouldFail(), "both injected failures were consumed by retries");
    }

    private static async Task CreateWidgetAsync(IHost host, string name)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Widgets.Add(new Widget { Name = name, CreatedAt = now });
        db.AddIntegrationEvent(new WidgetCreated(name, now));
        await db.SaveChangesAsync();
    }

    private static async Task<int> PendingOutboxAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WidgetDbContext>().OutboxMessages.CountAsync(m => m.SentAt == null);
    }

    private sealed class ConsumeCounter : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _consumed = new();

        public int Consumed(Guid messageId) => _consumed.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id)
            {
                _consumed.AddOrUpdate(id, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
