namespace AqTrading.Reconciliation.Rules.Health;

/// <summary>What the platform knows of a component (reference §14.1, without "degraded": a probe passes or it does not).</summary>
public enum ComponentStatus { Unknown, Healthy, Down }

/// <summary>Overall: healthy when no component is down, down when all are, degraded otherwise (reference §14.1).</summary>
public enum OverallHealth { Healthy, Degraded, Down }

/// <summary>One probe of one component: passed or not, how long it took, and why it failed.</summary>
public sealed record ProbeResult(string Component, bool Passed, double LatencyMs, string? Message, DateTimeOffset At);

/// <summary>A component's state as last seen and as last announced (alerted).</summary>
public sealed record ComponentState(
    string Component,
    ComponentStatus Status,
    ComponentStatus Announced,
    int ConsecutiveFailures,
    DateTimeOffset? Since,
    DateTimeOffset? LastCheck,
    double? LatencyMs,
    string? Message);

/// <summary>An announcement due: the component went down, or came back after it was announced down.</summary>
public sealed record HealthTransition(string Component, ComponentStatus To, ComponentState State);

/// <summary>
/// The health watcher's memory, kept apart from its I/O so its rules can be tested alone:
/// <list type="bullet">
/// <item>a component is down after <c>failuresBeforeDown</c> failed probes in a row (one failure is a blip, not news);</item>
/// <item>one passing probe makes it healthy again;</item>
/// <item>a component never seen healthy is not announced down within <c>startupGrace</c> of the watcher's start (the
/// whole system starts at once, so the first probes find peers still starting);</item>
/// <item>a transition stays due until <see cref="Announced"/> confirms it was recorded, so an alert that could not be
/// stored (the database down too) is raised at the next probe instead of being lost;</item>
/// <item>a recovery is announced only for a component that was announced down.</item>
/// </list>
/// Not thread-safe: one watcher owns it; readers get <see cref="Snapshot"/>.
/// </summary>
public sealed class ComponentHealthTracker(int failuresBeforeDown, TimeSpan startupGrace, DateTimeOffset startedAt)
{
    private readonly int _failuresBeforeDown = Math.Max(1, failuresBeforeDown);
    private readonly Dictionary<string, ComponentState> _states = new(StringComparer.Ordinal);

    /// <summary>Records a round of probes; answers the announcements now due (those already due included).</summary>
    public IReadOnlyList<HealthTransition> Observe(IEnumerable<ProbeResult> probes)
    {
        foreach (var probe in probes)
        {
            var previous = _states.GetValueOrDefault(probe.Component)
                ?? new ComponentState(probe.Component, ComponentStatus.Unknown, ComponentStatus.Unknown, 0, null, null, null, null);
            var failures = probe.Passed ? 0 : previous.ConsecutiveFailures + 1;
            var status = probe.Passed ? ComponentStatus.Healthy
                : failures >= _failuresBeforeDown && (previous.Status != ComponentStatus.Unknown || probe.At - startedAt >= startupGrace)
                    ? ComponentStatus.Down
                    : previous.Status;
            var announced = previous.Announced == ComponentStatus.Unknown && status == ComponentStatus.Healthy
                ? ComponentStatus.Healthy // first seen healthy: nothing to announce
                : previous.Announced;
            _states[probe.Component] = new ComponentState(probe.Component, status, announced, failures,
                status == previous.Status ? previous.Since : probe.At, probe.At, probe.LatencyMs, probe.Passed ? null : probe.Message);
        }

        return Due();
    }

    /// <summary>The announcements due: down not yet announced, or healthy again after an announced down.</summary>
    public IReadOnlyList<HealthTransition> Due() =>
        _states.Values
            .Where(s => s.Status != s.Announced && (s.Status == ComponentStatus.Down || s.Announced == ComponentStatus.Down))
            .OrderBy(s => s.Component, StringComparer.Ordinal)
            .Select(s => new HealthTransition(s.Component, s.Status, s))
            .ToList();

    /// <summary>The transition was recorded (its alert stored): it is no longer due.</summary>
    public void Announced(HealthTransition transition)
    {
        if (_states.TryGetValue(transition.Component, out var state) && state.Status == transition.To)
        {
            _states[transition.Component] = state with { Announced = transition.To };
        }
    }

    public IReadOnlyList<ComponentState> Snapshot() =>
        _states.Values.OrderBy(s => s.Component, StringComparer.Ordinal).ToList();

    /// <summary>Healthy when no component is down (unknown ones do not count), down when every known one is, degraded otherwise.</summary>
    public static OverallHealth Overall(IReadOnlyCollection<ComponentState> states)
    {
        var down = states.Count(s => s.Status == ComponentStatus.Down);
        return down == 0 ? OverallHealth.Healthy
            : down == states.Count(s => s.Status != ComponentStatus.Unknown) ? OverallHealth.Down
            : OverallHealth.Degraded;
    }
}
