using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every AQ Trading process shares: OpenTelemetry to the Aspire dashboard, health endpoints,
/// service discovery and the standard resilience handler on every HttpClient.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>
    /// Log levels every process starts from; any configuration source (appsettings, environment, command line)
    /// overrides them. At Information the frameworks write a line per request, per proxied call, per outgoing HTTP
    /// call and per SQL command — several lines per order on every hop of the hot path — so they log warnings only.
    /// </summary>
    private static readonly Dictionary<string, string?> DefaultLogLevels = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        // Npgsql logs every command it executes at Information.
        ["Logging:LogLevel:Npgsql"] = "Warning",
    };

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // First source, so that every other one wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs over OTLP to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the Aspire dashboard under
    /// <c>./aq run</c>, a collector in a deployment). Without an endpoint nothing is collected: telemetry that no exporter
    /// sends anywhere would only cost CPU on every request.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter("AqTrading.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource("AqTrading.*")
                .AddAspNetCoreInstrumentation(o =>
                    // Health probes every few seconds would drown the real traces.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(HealthEndpointPath)
                                      && !ctx.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation(o =>
                    // Nor the operations service's probes of every other service's health.
                    o.FilterHttpRequestMessage = request => request.RequestUri?.AbsolutePath is not (HealthEndpointPath or AlivenessEndpointPath)))
            .UseOtlpExporter();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: every registered check (databases, Redis, RabbitMQ) must pass — the readiness probe.
    /// <c>/alive</c>: only the "live" checks — the liveness probe, which must not fail because a dependency is down.
    /// Both are mapped in every environment because Kubernetes probes them in production too; they reveal nothing
    /// beyond Healthy/Unhealthy.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }
}
