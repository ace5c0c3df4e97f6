using System.Text.Json;
using System.Text.Json.Serialization;

namespace AqTrading.Agents.Abstractions.Protocol;

/// <summary>
/// One line of the dispatcher ↔ worker conversation (JSON lines over the worker's stdin/stdout):
/// <list type="number">
/// <item>dispatcher → worker, once: <c>{"type":"run","runId","role","task","context","diagnostics"}</c></item>
/// <item>worker → dispatcher: <c>{"type":"tool_call","id","tool","args"}</c>, answered by
/// <c>{"type":"tool_result","id","ok","result"|"error"}</c> — a denied call is answered with ok false and never runs</item>
/// <item>worker → dispatcher, last: <c>{"type":"result","success","result","summary","error"}</c>, then the worker exits.</item>
/// </list>
/// Anything else the worker writes to stdout is a protocol error; its stderr is kept (bounded) for the run's error.
/// </summary>
public sealed record ProtocolMessage
{
    public const string RunType = "run";
    public const string ToolCallType = "tool_call";
    public const string ToolResultType = "tool_result";
    public const string ResultType = "result";

    /// <summary>At most this many characters per line: a worker cannot make the dispatcher buffer without bound.</summary>
    public const int MaxLineLength = 1 << 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Type { get; init; }

    // run
    public Guid? RunId { get; init; }

    public string? Role { get; init; }

    public string? Task { get; init; }

    public JsonElement? Context { get; init; }

    /// <summary>The dispatcher allows the diagnostic tasks (test mode only).</summary>
    public bool? Diagnostics { get; init; }

    // tool_call / tool_result
    public string? Id { get; init; }

    public string? Tool { get; init; }

    public JsonElement? Args { get; init; }

    public bool? Ok { get; init; }

    // tool_result / result
    public JsonElement? Result { get; init; }

    public string? Error { get; init; }

    // result
    public bool? Success { get; init; }

    public string? Summary { get; init; }

    public string ToLine() => JsonSerializer.Serialize(this, Json);

    public static ProtocolMessage? Parse(string line) => JsonSerializer.Deserialize<ProtocolMessage>(line, Json);
}
