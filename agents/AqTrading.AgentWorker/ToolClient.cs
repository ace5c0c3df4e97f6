using System.Text.Json;
using System.Text.Json.Nodes;
using AqTrading.Agents.Abstractions.Protocol;

namespace AqTrading.AgentWorker;

/// <summary>A tool's answer: its result, or the error the dispatcher gave (a denial, a failed call, bad arguments).</summary>
public sealed record ToolAnswer(bool Ok, JsonElement Result, string? Error)
{
    public JsonElement Value => Ok ? Result : throw new ToolFailedException(Error ?? "tool failed");
}

public sealed class ToolFailedException(string message) : Exception(message);

/// <summary>The worker's only way to data: a tool call to the dispatcher, one at a time, over stdout/stdin.</summary>
public sealed class ToolClient(TextReader input, TextWriter output)
{
    private int _next;

    public async Task<ToolAnswer> CallAsync(string tool, object args, CancellationToken ct = default)
    {
        var id = (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var argsElement = JsonSerializer.SerializeToElement(args, ProtocolMessage.Json);
        await SendAsync(new ProtocolMessage { Type = ProtocolMessage.ToolCallType, Id = id, Tool = tool, Args = argsElement });
        while (true)
        {
            var line = await input.ReadLineAsync(ct) ?? throw new InvalidOperationException("The dispatcher closed the channel.");
            var message = ProtocolMessage.Parse(line);
            if (message is { Type: ProtocolMessage.ToolResultType } && message.Id == id)
            {
                return new ToolAnswer(message.Ok == true, message.Result ?? default, message.Error);
            }
        }
    }

    public async Task SendAsync(ProtocolMessage message)
    {
        await output.WriteLineAsync(message.ToLine());
        await output.FlushAsync();
    }
}

/// <summary>What a role reports: its numbers (all from tools) and a sentence for people.</summary>
public sealed record AgentOutcome(bool Success, JsonObject Result, string Summary, string? Error = null);
