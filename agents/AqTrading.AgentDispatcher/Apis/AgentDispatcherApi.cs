using System.Globalization;
using System.Text.Json;
using AqTrading.AgentDispatcher.Data;
using AqTrading.AgentDispatcher.Runs;
using AqTrading.Agents.Abstractions.Permissions;
using AqTrading.Agents.Abstractions.Roles;
using AqTrading.Agents.Abstractions.Tools;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AqTrading.AgentDispatcher;

public sealed record InvokeRequest(string? Role, string? Task, JsonElement? Context);

public sealed record AgentRunView(
    Guid Id,
    string Role,
    string Task,
    JsonElement Context,
    string Trigger,
    AgentRunStatus Status,
    bool? Success,
    JsonElement? Result,
    string? Summary,
    string? Error,
    JsonElement ToolCalls,
    JsonElement? Sandbox,
    int? ExitCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long? DurationMs)
{
    public static AgentRunView From(AgentRun run) => new(run.Id, run.Role.Name(), run.Task, Parse(run.Context)!.Value, run.Trigger, run.Status,
        run.Success, Parse(run.Result), run.Summary, run.Error, Parse(run.ToolCalls)!.Value, Parse(run.Sandbox), run.ExitCode, run.CreatedAt,
        run.StartedAt, run.CompletedAt, run.DurationMs);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed record AgentRunPage(IReadOnlyList<AgentRunView> Items, string? NextCursor);

public sealed record RolePermissionsView(string Role, IReadOnlyList<string> Reads, IReadOnlyList<string> Executes, IReadOnlyList<string> Writes,
    IReadOnlyList<string> Tools);

public sealed record PermissionMatrixView(IReadOnlyList<RolePermissionsView> Roles, IReadOnlyList<string> Tools);

public static class AgentDispatcherApi
{
    /// <summary>The seed's limit on a task's length.</summary>
    public const int MaxTaskLength = 500;

    public const int MaxContextLength = 64 * 1024;

    public static WebApplication MapAgentDispatcherApi(this WebApplication app)
    {
        app.MapServicePlatform<AgentsDbContext>();
        var api = app.MapGroup("/api/agents").WithTags("Agents");
        api.MapPost("/invoke", InvokeAsync)
            .WithSummary("Queues an agent run (researcher, analyst, risk_controller, ops) in a sandboxed worker; answers at once with its id.");
        api.MapGet("/runs/{id}", GetRunAsync).WithSummary("One agent run with its result, tool calls (allowed and denied) and sandbox.");
        api.MapGet("/runs", ListRunsAsync).WithSummary("Agent runs, newest first, a page at a time.");
        api.MapGet("/permissions", GetPermissions).WithSummary("The permission matrix every tool call is checked against.");
        return app;
    }

    private static async Task<Results<Accepted<AgentRunView>, ValidationProblem, ProblemHttpResult>> InvokeAsync(
        InvokeRequest request, AgentRunQueue queue, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!AgentRoles.TryParse(request.Role, out var role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", AgentRoles.All.Select(r => r.Name()))}."];
        }

        if (string.IsNullOrWhiteSpace(request.Task) || request.Task.Length > MaxTaskLength)
        {
            errors["task"] = [$"task is required and at most {MaxTaskLength} characters."];
        }

        var context = request.Context is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } c ? c : (JsonElement?)null;
        if (context is { ValueKind: not JsonValueKind.Object })
        {
            errors["context"] = ["context must be a JSON object."];
        }
        else if (context is { } obj && obj.GetRawText().Length > MaxContextLength)
        {
            errors["context"] = [$"context may hold at most {MaxContextLength} characters of JSON."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var run = await queue.EnqueueAsync(role, request.Task!.Trim(), context?.GetRawText() ?? "{}", "api", ct);
        if (run is null)
        {
            return TypedResults.Problem("Too many agent runs are waiting; try again later.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Agent queue full");
        }

        return TypedResults.Accepted($"/api/agents/runs/{run.Id}", AgentRunView.From(run));
    }

    private static async Task<Results<Ok<AgentRunView>, ProblemHttpResult, ValidationProblem>> GetRunAsync(string id, AgentRunStore store, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var runId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id must be a run id (a UUID)."] });
        }

        return await store.FindAsync(runId, ct) is { } run ? TypedResults.Ok(AgentRunView.From(run)) : Problems.NotFound($"No agent run {runId}.");
    }

    private static async Task<Results<Ok<AgentRunPage>, ValidationProblem>> ListRunsAsync(AgentRunStore store, CancellationToken ct,
        int? limit = null, string? cursor = null, string? role = null, string? status = null)
    {
        var errors = new Dictionary<string, string[]>();
        var size = limit ?? 50;
        if (size is < 1 or > 500)
        {
            errors["limit"] = ["limit must lie between 1 and 500."];
        }

        AgentRole? roleFilter = null;
        if (role is not null)
        {
            if (AgentRoles.TryParse(role, out var parsedRole))
            {
                roleFilter = parsedRole;
            }
            else
            {
                errors["role"] = [$"role must be one of {string.Join(", ", AgentRoles.All.Select(r => r.Name()))}."];
            }
        }

        AgentRunStatus? statusFilter = null;
        if (status is not null)
        {
            var match = Enum.GetValues<AgentRunStatus>().Where(s => AgentRunStore.Status(s) == status).ToList();
            if (match is [var s])
            {
                statusFilter = s;
            }
            else
            {
                errors["status"] = ["status must be one of queued, running, succeeded, failed, timed_out."];
            }
        }

        (DateTimeOffset, Guid)? before = null;
        if (cursor is not null)
        {
            if (ParseCursor(cursor) is { } parsed)
            {
                before = parsed;
            }
            else
            {
                errors["cursor"] = ["cursor is not one this API gave out."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var runs = await store.ListAsync(roleFilter, statusFilter, before, size + 1, ct);
        var page = runs.Take(size).ToList();
        var next = runs.Count > size ? $"{page[^1].CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{page[^1].Id:N}" : null;
        return TypedResults.Ok(new AgentRunPage([.. page.Select(AgentRunView.From)], next));
    }

    private static (DateTimeOffset, Guid)? ParseCursor(string cursor)
    {
        var parts = cursor.Split('_');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }

    private static Ok<PermissionMatrixView> GetPermissions()
    {
        var empty = JsonDocument.Parse("{\"key\":\"\"}").RootElement;
        var roles = PermissionMatrix.Roles.Select(p => new RolePermissionsView(p.Role.Name(), p.Reads, p.Executes, p.Writes,
            [.. ToolNames.All.Where(tool => tool == ToolNames.RedisWrite ? p.Writes.Count > 0 : PermissionMatrix.Check(p.Role, tool, empty).Allowed)]));
        return TypedResults.Ok(new PermissionMatrixView([.. roles], ToolNames.All));
    }
}
