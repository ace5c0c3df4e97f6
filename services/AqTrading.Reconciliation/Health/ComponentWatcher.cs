using System.Diagnostics;
using AqTrading.Reconciliation.Alerts;
using AqTrading.Reconciliation.Audit;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Rules.Alerts;
using AqTrading.Reconciliation.Rules.Health;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AqTrading.Reconciliation.Health;

/// <summary>What the watcher last saw; the health API reads it.</summary>
public sealed class ComponentHealthBoard(IOptions<HealthWatchOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();

    internal ComponentHealthTracker Tracker { get; } =
        new(options.Value.FailuresBeforeDown, options.Value.StartupGrace, time.GetUtcNow());

    public DateTimeOffset? CheckedAt { get; private set; }

    internal IReadOnlyList<HealthTransition> Observe(IReadOnlyList<ProbeResult> probes, DateTimeOffset at)
    {
        lock (_lock)
        {
            CheckedAt = at;
            return Tracker.Observe(probes);
        }
    }

    internal void Announced(HealthTransition transition)
    {
        lock (_lock)
        {
            Tracker.Announced(transition);
        }
    }

    public IReadOnlyList<ComponentState> Snapshot()
    {
        lock (_lock)
        {
            return Tracker.Snapshot();
        }
    }
}

/// <summary>
/// The platform's health watch (reference §14.1, and the alerts' "a component down or recovered"): every
/// <see cref="HealthWatchOptions.Interval"/> it probes, all at once, each service's liveness (<c>/alive</c>: the process
/// answers) and the shared servers through this service's own checks (PostgreSQL, Redis, RabbitMQ). Services are not
/// probed on <c>/health</c>, which fails whenever one of their servers does: a Redis outage is one alert about Redis,
/// not one about every service. A component
/// found down (<see cref="ComponentHealthTracker"/>: failures in a row, startup grace) raises
/// <c>component_unhealthy</c>; its return raises <c>component_recovered</c>; both are audited as
/// <c>system.health_changed</c>. If the alert cannot be stored (this service's database is down too), the transition
/// stays due and is raised by a later round. When this service itself is down nothing here can alert: the
/// orchestrator's own probes (Aspire dashboard, Kubernetes) show it.
/// </summary>
public sealed partial class ComponentWatcher(IServiceScopeFactory scopes, HealthCheckService checks, IHttpClientFactory clients,
    IConfiguration configuration, ComponentHealthBoard board, IOptions<HealthWatchOptions> options, TimeProvider time, ILogger<ComponentWatcher> logger) : BackgroundService
{
    public const string ProbeClient = "health-probe";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = settings.Interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : settings.Interval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var probes = await ProbeAllAsync(settings, stoppingToken);
                foreach (var transition in board.Observe(probes, time.GetUtcNow()))
                {
                    await AnnounceAsync(transition, settings, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<ProbeResult[]> ProbeAllAsync(HealthWatchOptions settings, CancellationToken ct)
    {
        var services = Task.WhenAll(settings.WatchedServices.Select(s => ProbeServiceAsync(s, settings.Timeout, ct)));
        var infrastructure = ProbeInfrastructureAsync(ct);
        var broker = ProbeBrokerAsync(settings.Timeout, ct);
        await Task.WhenAll(services, infrastructure, broker);
        // RabbitMQ is down if the broker refuses connections or the bus says so.
        var checks = await infrastructure;
        var bus = checks.FirstOrDefault(p => p.Component == Rabbitmq);
        var rabbitmq = await broker is { } reachable && (!reachable.Passed || bus is null) ? reachable : bus;
        return [.. await services, .. checks.Where(p => p.Component != Rabbitmq), .. rabbitmq is null ? Array.Empty<ProbeResult>() : [rabbitmq]];
    }

    private const string Rabbitmq = "rabbitmq";

    /// <summary>
    /// A TCP connection to the broker of <c>ConnectionStrings:messaging</c>. MassTransit's bus check does not see a broker
    /// going away promptly (its endpoints report faulted as degraded, or not at all while nothing is received), so the
    /// server itself is asked whether it accepts connections. Null when no broker is configured.
    /// </summary>
    private async Task<ProbeResult?> ProbeBrokerAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (configuration.GetConnectionString(ServicePlatform.Hosting.ServicePlatformExtensions.MessagingConnectionName) is not { Length: > 0 } value
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(uri.Host, uri.Port > 0 ? uri.Port : 5672, cts.Token);
            return new ProbeResult(Rabbitmq, true, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, time.GetUtcNow());
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var message = e is OperationCanceledException ? $"no connection within {timeout.TotalSeconds:0.#} s" : $"broker unreachable: {e.Message}";
            return new ProbeResult(Rabbitmq, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, message, time.GetUtcNow());
        }
    }

    /// <summary>GET http://{service}/alive: a 2xx within the timeout passes.</summary>
    private async Task<ProbeResult> ProbeServiceAsync(string service, TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(ProbeClient).GetAsync($"http://{service}/alive", cts.Token);
            return new ProbeResult(service, response.IsSuccessStatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                response.IsSuccessStatusCode ? null : $"/alive answered {(int)response.StatusCode}", time.GetUtcNow());
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var message = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.GetBaseException().Message;
            return new ProbeResult(service, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, message, time.GetUtcNow());
        }
    }

    /// <summary>
    /// This service's own checks of the shared servers, by server (PostgreSQL, Redis, RabbitMQ). Every check has the probe
    /// timeout (ReconciliationServices), so one hung server fails alone and the round ends in time.
    /// </summary>
    private async Task<IReadOnlyList<ProbeResult>> ProbeInfrastructureAsync(CancellationToken ct)
    {
        var report = await checks.CheckHealthAsync(r => !r.Tags.Contains("live"), ct);
        return report.Entries
            .GroupBy(e => Server(e.Key))
            .Select(g => new ProbeResult(g.Key, g.All(e => e.Value.Status != HealthStatus.Unhealthy), g.Max(e => e.Value.Duration.TotalMilliseconds),
                g.Where(e => e.Value.Status == HealthStatus.Unhealthy)
                    .Select(e => e.Value.Description ?? e.Value.Exception?.GetBaseException().Message ?? e.Key).FirstOrDefault(),
                time.GetUtcNow()))
            .ToList();
    }

    /// <summary>A health check's registration name → the server it watches (Aspire and MassTransit name them their own way).</summary>
    internal static string Server(string check)
    {
        var name = check.ToLowerInvariant();
        return name.Contains("postgres", StringComparison.Ordinal) || name.Contains("npgsql", StringComparison.Ordinal)
               || name.Contains("dbcontext", StringComparison.Ordinal) ? "postgresql"
            : name.Contains("redis", StringComparison.Ordinal) ? "redis"
            : name.Contains("masstransit", StringComparison.Ordinal) || name.Contains("rabbit", StringComparison.Ordinal) ? Rabbitmq
            : name;
    }

    private async Task AnnounceAsync(HealthTransition transition, HealthWatchOptions settings, CancellationToken ct)
    {
        var state = transition.State;
        var now = time.GetUtcNow();
        var down = transition.To == ComponentStatus.Down;
        var severity = settings.IsCritical(transition.Component) ? 1 : 2;
        var type = down ? AlertTypes.ComponentUnhealthy : AlertTypes.ComponentRecovered;
        var summary = down
            ? $"{transition.Component} is down: {state.Message ?? "health check failed"} ({state.ConsecutiveFailures} failed probes)"
            : $"{transition.Component} recovered";
        var details = new
        {
            component = transition.Component, status = down ? "down" : "healthy", since = state.Since, state.ConsecutiveFailures,
            message = state.Message, state.LatencyMs,
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconciliationDbContext>();
            var alerts = scope.ServiceProvider.GetRequiredService<AlertService>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await db.InTransactionAsync(async token =>
            {
                await alerts.RaiseAsync(new AlertRequest(type, severity, summary, details, now, FingerprintOverride: $"{type}:{transition.Component}"), token);
                await audit.AppendAsync(new AuditRequest("system.health_changed", "service", "reconciliation", "component", transition.Component,
                    "reconciliation", details, now), token);
                await db.SaveChangesAsync(token);
            }, ct);
            alerts.Dispatch();
            board.Announced(transition);
            LogTransition(transition.Component, down ? "down" : "healthy", state.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogAnnounceFailed(e, transition.Component);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Component {Component} is {Status} ({Message})")]
    private partial void LogTransition(string component, string status, string? message);

    [LoggerMessage(LogLevel.Error, "The health change of {Component} could not be recorded; it is tried again next round")]
    private partial void LogAnnounceFailed(Exception exception, string component);

    [LoggerMessage(LogLevel.Error, "A round of health probes failed")]
    private partial void LogRoundFailed(Exception exception);
}
