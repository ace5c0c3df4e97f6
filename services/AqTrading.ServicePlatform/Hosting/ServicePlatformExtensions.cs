using System.Text.Json;
using System.Text.Json.Serialization;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using AqTrading.Security;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AqTrading.ServicePlatform.Hosting;

/// <summary>How a domain service plugs into the platform: one call in its <c>AddXxxServices()</c>.</summary>
public static class ServicePlatformExtensions
{
    public const string RedisConnectionName = "redis";
    public const string MessagingConnectionName = "messaging";

    /// <param name="service">The service's name (also its queue-name prefix on RabbitMQ), e.g. <c>orders</c>.</param>
    /// <param name="area">The API area: the service answers under <c>/api/{area}</c>.</param>
    /// <param name="database">The connection name of the service's own database, e.g. <c>ordersdb</c>.</param>
    /// <param name="consumers">Registers the service's MassTransit consumers.</param>
    public static IHostApplicationBuilder AddServicePlatform<TContext>(this IHostApplicationBuilder builder,
        string service, string area, string database, Action<IBusRegistrationConfigurator>? consumers = null)
        where TContext : ServiceDbContext
    {
        builder.Services.AddSingleton(new ServiceIdentity(service, area, database, DateTimeOffset.UtcNow));
        // The same token validation and access policy as the gateway (defence in depth), and this service's own
        // token on every call it makes to a peer.
        builder.AddPlatformSecurity(service);

        // Registered first: hosted services start in order, so migrations finish before the bus and the publisher start.
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();

        var signal = new OutboxSignal();
        var interceptor = new OutboxSignalInterceptor(signal);
        builder.Services.AddSingleton(signal);
        // One NpgsqlDataSource per service (Aspire.Npgsql: pooling, health check, tracing), shared by EF Core and
        // any raw SQL; EnrichNpgsqlDbContext adds the retrying execution strategy, health check and telemetry.
        builder.AddNpgsqlDataSource(database);
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(interceptor));
        builder.EnrichNpgsqlDbContext<TContext>();

        builder.AddRedisClient(RedisConnectionName);
        builder.Services.AddSingleton<Quotes.QuoteReader>();

        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.AddHostedService<OutboxPublisher<TContext>>();
        builder.Services.AddMassTransit(bus =>
        {
            // Each service gets its own queues ("derivatives-instrument-registered"), so every interested
            // service receives its own copy of an event.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, includeNamespace: false));
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var connectionString = builder.Configuration.GetConnectionString(MessagingConnectionName)
                    ?? throw new InvalidOperationException($"ConnectionStrings:{MessagingConnectionName} is not set.");
                rabbit.Host(new Uri(connectionString));
                // Transient failures (a deadlock, a restarting database) are retried before the message is faulted.
                rabbit.UseMessageRetry(retry => retry.Intervals(100, 500, 1000, 5000));
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        return builder;
    }

    /// <summary>
    /// ProblemDetails for every error, the access policy on every <c>/api</c> request, the OpenAPI document at <c>/api/{area}/openapi/v1.json</c> (reachable through
    /// the gateway) and <c>GET /api/{area}/info</c>.
    /// </summary>
    public static WebApplication MapServicePlatform<TContext>(this WebApplication app) where TContext : ServiceDbContext
    {
        var identity = app.Services.GetRequiredService<ServiceIdentity>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePlatformSecurity();
        app.MapOpenApi($"/api/{identity.Area}/openapi/{{documentName}}.json");
        app.MapGet($"/api/{identity.Area}/info", ServiceInfoEndpoint.GetAsync<TContext>)
            .WithName($"{identity.Service}-info")
            .WithSummary("Which service answers, its version, its database schema and its outbox backlog.");
        return app;
    }
}

/// <summary>Who this process is; fixed at start.</summary>
public sealed record ServiceIdentity(string Service, string Area, string Database, DateTimeOffset StartedAt);
