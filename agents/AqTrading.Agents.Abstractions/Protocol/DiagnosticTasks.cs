namespace AqTrading.Agents.Abstractions.Protocol;

/// <summary>
/// Tasks that exercise the sandbox rather than a role (only honoured when the dispatcher sets <c>diagnostics</c>, which
/// it does only with <c>Agents:Diagnostics:Enabled</c> — the tests). They let a test see the worker from inside.
/// </summary>
public static class DiagnosticTasks
{
    public const string Prefix = "diagnostics:";

    /// <summary>Reports the worker's environment variables, working directory and network interfaces.</summary>
    public const string Environment = "diagnostics:environment";

    /// <summary>Sleeps <c>context.seconds</c>.</summary>
    public const string Sleep = "diagnostics:sleep";

    /// <summary>Exits with code 3 without a result.</summary>
    public const string Crash = "diagnostics:crash";

    /// <summary>Calls <c>context.tool</c> with <c>context.args</c> and reports the answer.</summary>
    public const string Call = "diagnostics:call";

    /// <summary>Allocates <c>context.megabytes</c> of managed memory and keeps it.</summary>
    public const string Allocate = "diagnostics:allocate";
}
