using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AqTrading.Agents.Abstractions.Protocol;
using AqTrading.Agents.Abstractions.Roles;
using AqTrading.AgentWorker;
using AqTrading.AgentWorker.Roles;

// stdout carries only protocol lines: anything else written to the console goes to stderr.
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
Console.SetOut(Console.Error);
var tools = new ToolClient(stdin, stdout);

var first = await stdin.ReadLineAsync();
var run = first is null ? null : ProtocolMessage.Parse(first);
if (run is not { Type: ProtocolMessage.RunType } || !AgentRoles.TryParse(run.Role, out var role) || string.IsNullOrWhiteSpace(run.Task))
{
    await Console.Error.WriteLineAsync("The first line was not a run message with a known role and a task.");
    return 2;
}

var context = run.Context is { ValueKind: JsonValueKind.Object } c ? JsonNode.Parse(c.GetRawText())!.AsObject() : new JsonObject();
AgentOutcome outcome;
try
{
    outcome = run.Task.StartsWith(DiagnosticTasks.Prefix, StringComparison.Ordinal)
        ? run.Diagnostics == true
            ? await Diagnostics.RunAsync(run.Task, context, tools)
            : new AgentOutcome(false, [], "Diagnostic tasks are disabled.", "Diagnostic tasks are disabled.")
        : role switch
        {
            AgentRole.RiskController => await RiskController.RunAsync(run.Task, context, tools),
            AgentRole.Analyst => await Analyst.RunAsync(run.Task, context, tools),
            AgentRole.Researcher => await Researcher.RunAsync(run.Task, context, tools),
            AgentRole.Ops => await Ops.RunAsync(run.Task, context, tools),
            _ => throw new InvalidOperationException($"No agent for {role}."),
        };
}
catch (Exception e) when (e is ToolFailedException or ArgumentException or InvalidOperationException or FormatException or JsonException)
{
    outcome = new AgentOutcome(false, [], e.Message, e.Message);
}

await tools.SendAsync(new ProtocolMessage
{
    Type = ProtocolMessage.ResultType,
    Success = outcome.Success,
    Result = JsonSerializer.SerializeToElement(outcome.Result),
    Summary = outcome.Summary,
    Error = outcome.Error,
});
return 0;
