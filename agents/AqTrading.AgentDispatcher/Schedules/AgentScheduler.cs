using System.Text.Json.Nodes;
using AqTrading.AgentDispatcher.Runs;
using AqTrading.Agents.Abstractions.Roles;
using Microsoft.Extensions.Options;

namespace AqTrading.AgentDispatcher.Schedules;

/// <summary>
/// Starts the configured runs on their interval (<c>Agents:Schedules</c>, e.g. the risk controller every 15 minutes),
/// through the same queue as the API. Off unless configured; a schedule with an unknown role is logged and skipped.
/// </summary>
public sealed partial class AgentScheduler(AgentRunQueue queue, IOptions<AgentsOptions> options, TimeProvider time, ILogger<AgentScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Schedules.Where(s => s.Enabled).Select(s => RunScheduleAsync(s, stoppingToken)));

    private async Task RunScheduleAsync(AgentSchedule schedule, CancellationToken stoppingToken)
    {
        if (!AgentRoles.TryParse(schedule.Role, out var role) || schedule.Interval <= TimeSpan.Zero || string.IsNullOrWhiteSpace(schedule.Task))
        {
            LogInvalid(schedule.Name, schedule.Role);
            return;
        }

        var context = new JsonObject();
        foreach (var (key, value) in schedule.Context)
        {
            context[key] = double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? number
                : value;
        }

        using var timer = new PeriodicTimer(schedule.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var run = await queue.EnqueueAsync(role, schedule.Task, context.ToJsonString(), $"schedule:{schedule.Name}", stoppingToken);
                if (run is null)
                {
                    LogQueueFull(schedule.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Agent schedule '{Name}' is skipped: role '{Role}', its task or its interval is not usable")]
    private partial void LogInvalid(string name, string role);

    [LoggerMessage(LogLevel.Warning, "Agent schedule '{Name}' skipped a run: the queue is full")]
    private partial void LogQueueFull(string name);
}
