using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Inbox;
using AqTrading.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AqTrading.ServicePlatform.IntegrationTests;

/// <summary>A service process in miniature: the real platform wiring against the real servers.</summary>
public static class PlatformHost
{
    public static async Task<IHost> StartAsync(LocalServers servers, string service, string database,
        bool publisherEnabled = true, bool withConsumer = false, FailureInjection? failures = null, BatchLog? batchLog = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:widgetsdb"] = database,
            ["ConnectionStrings:redis"] = servers.RedisConnectionString,
            ["ConnectionStrings:messaging"] = servers.RabbitMqConnectionString,
            ["Outbox:PublisherEnabled"] = publisherEnabled.ToString(),
            ["Outbox:PollInterval"] = "00:00:00.200",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(failures ?? new FailureInjection());
        builder.Services.AddSingleton(batchLog ?? new BatchLog());
        // With a batch log, the batch consumer instead: batches close 2 s after their first message, so that everything a
        // test publishes at once lands in one batch however slow the machine.
        builder.AddServicePlatform<WidgetDbContext>(service, area: "widgets", database: "widgetsdb",
            consumers: !withConsumer ? null
                : batchLog is null ? bus => bus.AddConsumer<WidgetCreatedConsumer>()
                : bus => bus.AddIdempotentBatchConsumer<WidgetBatchConsumer>(timeLimit: TimeSpan.FromSeconds(2)));
        var host = builder.Build();
        await host.StartAsync();
        if (withConsumer)
        {
            // The consumer's queue must be bound before anything is published to it.
            await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        }

        return host;
    }

    /// <summary>How many times the consumer applied the widget's event.</summary>
    public static async Task<int> CountApplicationsAsync(IHost host, string name)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WidgetDbContext>().Applications.CountAsync(a => a.WidgetName == name);
    }

    public static async Task Eventually(Func<Task<bool>> condition)
    {
        var patience = TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    /// <summary>A name no other test (or earlier run against the same servers) uses.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
