using System.Text.Json;
using AqTrading.Reconciliation.Health;
using AqTrading.Reconciliation.Rules.Health;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AqTrading.Reconciliation;

/// <summary>The platform's health as the operations service's watch last saw it (reference §14.1's detailed health).</summary>
public static class HealthApi
{
    public static WebApplication MapHealthApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/health").WithTags("Health");
        api.MapGet("/", Get).WithSummary("Every watched component (services, PostgreSQL, Redis, RabbitMQ) with its status, and the overall status.");
        api.MapGet("/{component}", GetComponent).WithSummary("One component's last probe.");
        return app;
    }

    /// <param name="Status">healthy, down or unknown (not probed successfully yet).</param>
    /// <param name="Since">When the component entered this status.</param>
    /// <param name="Alerted">Whether a down is announced (a <c>component_unhealthy</c> alert stands until its recovery).</param>
    public sealed record ComponentView(string Component, string Status, DateTimeOffset? Since, DateTimeOffset? LastCheck, double? LatencyMs,
        int ConsecutiveFailures, string? Message, bool Alerted)
    {
        public static ComponentView From(ComponentState s) => new(s.Component, Name(s.Status), s.Since, s.LastCheck,
            s.LatencyMs is { } ms ? Math.Round(ms, 1) : null, s.ConsecutiveFailures, s.Message, s.Announced == ComponentStatus.Down);
    }

    /// <param name="Overall">healthy when no component is down, down when every one is, degraded otherwise.</param>
    /// <param name="CheckedAt">The last round of probes (null before the first).</param>
    /// <param name="IntervalSeconds">Time between rounds.</param>
    public sealed record HealthView(string Overall, DateTimeOffset? CheckedAt, double IntervalSeconds, IReadOnlyList<ComponentView> Components);

    public static Ok<HealthView> Get(ComponentHealthBoard board, Microsoft.Extensions.Options.IOptions<HealthWatchOptions> options)
    {
        var states = board.Snapshot();
        return TypedResults.Ok(new HealthView(Name(ComponentHealthTracker.Overall(states)), board.CheckedAt, options.Value.Interval.TotalSeconds,
            [.. states.Select(ComponentView.From)]));
    }

    public static Results<Ok<ComponentView>, ProblemHttpResult> GetComponent(string component, ComponentHealthBoard board) =>
        board.Snapshot().FirstOrDefault(s => s.Component == component) is { } state
            ? TypedResults.Ok(ComponentView.From(state))
            : Problems.NotFound($"No watched component '{component}'.");

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
