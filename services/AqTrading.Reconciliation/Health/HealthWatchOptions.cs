namespace AqTrading.Reconciliation.Health;

/// <summary>Settings under <c>Health</c>: how the operations service watches the platform's components.</summary>
public sealed class HealthWatchOptions
{
    /// <summary>The services probed by default: every other service of the platform (the gateway is the UI's own door).</summary>
    public static readonly string[] DefaultServices =
        ["portfolio", "risk", "orders", "market-data", "strategies", "backtest", "derivatives", "agent-dispatcher"];

    /// <summary>Components whose outage stops trading: their alerts are SEV1 (email and webhook); every other one's SEV2.</summary>
    public static readonly string[] DefaultCritical = ["risk", "orders", "portfolio", "postgresql"];

    /// <summary>Time between rounds of probes (the reference UI refreshes health every 10 s and wants detection within 30 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A probe that takes longer has failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed probes in a row before a component is down (one failure is a blip).</summary>
    public int FailuresBeforeDown { get; set; } = 2;

    /// <summary>A component never seen healthy is not called down this soon after the watcher starts (the system starts at once).</summary>
    public TimeSpan StartupGrace { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Services probed at <c>http://{name}/alive</c> (service discovery); null for <see cref="DefaultServices"/>.</summary>
    public string[]? Services { get; set; }

    /// <summary>Null for <see cref="DefaultCritical"/>.</summary>
    public string[]? Critical { get; set; }

    public IReadOnlyList<string> WatchedServices => Services ?? DefaultServices;

    public bool IsCritical(string component) => (Critical ?? DefaultCritical).Contains(component, StringComparer.Ordinal);
}
