using AqTrading.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static AqTrading.ServicePlatform.IntegrationTests.PlatformHost;

namespace AqTrading.ServicePlatform.IntegrationTests;

/// <summary>IdempotentBatchConsumer against real RabbitMQ and PostgreSQL.</summary>
[Collection(nameof(ServersCollection))]
public sealed class InboxBatchTests(LocalServers servers)
{
    [Fact]
    public async Task A_burst_is_applied_in_batches_each_message_once_and_redeliveries_change_nothing()
    {
        var log = new BatchLog();
        using var consumer = await PlatformHost.StartAsync(servers, Unique("consumer"), await servers.CreateDatabaseAsync("consumer"),
            withConsumer: true, batchLog: log);
        var bus = consumer.Services.GetRequiredService<IBus>();

        // Applied before the burst, then redelivered inside it.
        var early = new WidgetCreated(Unique("early"), DateTimeOffset.UtcNow);
        var earlyId = NewId.NextGuid();
        await bus.Publish(early, c => c.MessageId = earlyId);
        await Eventually(async () => await CountApplicationsAsync(consumer, early.Name) == 1);

        var widgets = Enumerable.Range(0, 20).Select(_ => (Id: NewId.NextGuid(), Message: new WidgetCreated(Unique("burst"), DateTimeOffset.UtcNow)))
            .ToList();
        foreach (var (id, message) in widgets)
        {
            await bus.Publish(message, c => c.MessageId = id);
        }

        // The same message twice within the burst, and the early one again.
        await bus.Publish(widgets[0].Message, c => c.MessageId = widgets[0].Id);
        await bus.Publish(early, c => c.MessageId = earlyId);
        // Batches apply one at a time in arrival order: once the last message is applied, everything before it was handled.
        var last = new WidgetCreated(Unique("last"), DateTimeOffset.UtcNow);
        await bus.Publish(last);
        await Eventually(async () => await CountApplicationsAsync(consumer, last.Name) == 1);

        foreach (var (_, message) in widgets)
        {
            Assert.Equal(1, await CountApplicationsAsync(consumer, message.Name));
        }

        Assert.Equal(1, await CountApplicationsAsync(consumer, early.Name));
        Assert.True(log.Sizes.Max() > 1, $"batch sizes: {string.Join(", ", log.Sizes)}");
        Assert.Equal(22, log.Sizes.Sum()); // early, the 20, last: the two redeliveries never reached the handler
    }

    [Fact]
    public async Task A_message_that_cannot_be_applied_holds_back_none_of_its_batch_and_nothing_is_applied_twice()
    {
        var log = new BatchLog();
        using var consumer = await PlatformHost.StartAsync(servers, Unique("consumer"), await servers.CreateDatabaseAsync("consumer"),
            withConsumer: true, batchLog: log);
        var bus = consumer.Services.GetRequiredService<IBus>();

        var before = new WidgetCreated(Unique("good"), DateTimeOffset.UtcNow);
        var poison = new WidgetCreated(Unique("poison"), DateTimeOffset.UtcNow);
        var after = new WidgetCreated(Unique("good"), DateTimeOffset.UtcNow);
        await bus.Publish(before);
        await bus.Publish(poison);
        await bus.Publish(after);

        // Two attempts per round (the batch, then the poison alone): four means MassTransit's retry has run the batch again.
        await Eventually(() => Task.FromResult(log.PoisonAttempts >= 4));
        Assert.Equal(1, await CountApplicationsAsync(consumer, before.Name));
        Assert.Equal(1, await CountApplicationsAsync(consumer, after.Name));
        Assert.Equal(0, await CountApplicationsAsync(consumer, poison.Name));
    }
}
