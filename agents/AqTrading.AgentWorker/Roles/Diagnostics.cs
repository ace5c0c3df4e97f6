using System.Collections;
using System.Net.NetworkInformation;
using System.Text.Json;
using System.Text.Json.Nodes;
using AqTrading.Agents.Abstractions.Protocol;

namespace AqTrading.AgentWorker.Roles;

/// <summary>The sandbox seen from inside (<see cref="DiagnosticTasks"/>): only run when the dispatcher allows it (tests).</summary>
internal static class Diagnostics
{
    private static readonly List<byte[]> Held = [];

    public static async Task<AgentOutcome> RunAsync(string task, JsonObject context, ToolClient tools)
    {
        switch (task)
        {
            case DiagnosticTasks.Environment:
                var environment = new JsonObject();
                foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
                {
                    environment[(string)entry.Key] = (string?)entry.Value;
                }

                var interfaces = new JsonArray(NetworkInterface.GetAllNetworkInterfaces()
                    .Select(n => (JsonNode)new JsonObject { ["name"] = n.Name, ["up"] = n.OperationalStatus == OperationalStatus.Up }).ToArray());
                return new AgentOutcome(true, new JsonObject
                {
                    ["environment"] = environment,
                    ["workingDirectory"] = Environment.CurrentDirectory,
                    ["networkInterfaces"] = interfaces,
                    ["gcHeapHardLimit"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                }, "environment reported");

            case DiagnosticTasks.Sleep:
                var seconds = context.Int("seconds", 600, 0, 3600);
                await Task.Delay(TimeSpan.FromSeconds(seconds));
                return new AgentOutcome(true, new JsonObject { ["slept"] = seconds }, $"slept {seconds} s");

            case DiagnosticTasks.Crash:
                await Console.Error.WriteLineAsync("diagnostics: crashing on purpose");
                Environment.Exit(3);
                return null!;

            case DiagnosticTasks.Call:
                var tool = context.String("tool", "");
                var args = context["args"] is JsonNode node ? JsonSerializer.SerializeToElement(node) : JsonSerializer.SerializeToElement(new { });
                var answer = await tools.CallAsync(tool, args);
                return new AgentOutcome(answer.Ok, new JsonObject { ["ok"] = answer.Ok, ["result"] = answer.Ok ? answer.Result.Node() : null, ["error"] = answer.Error },
                    answer.Ok ? $"{tool} answered" : $"{tool} failed: {answer.Error}", answer.Ok ? null : answer.Error);

            case DiagnosticTasks.Allocate:
                var megabytes = context.Int("megabytes", 1024, 1, 65536);
                for (var i = 0; i < megabytes; i++)
                {
                    var block = new byte[1 << 20];
                    Array.Fill(block, (byte)1);
                    Held.Add(block);
                }

                return new AgentOutcome(true, new JsonObject { ["allocatedMb"] = megabytes }, $"allocated {megabytes} MB");

            default:
                return new AgentOutcome(false, [], $"Unknown diagnostic task {task}.", $"Unknown diagnostic task {task}.");
        }
    }
}
