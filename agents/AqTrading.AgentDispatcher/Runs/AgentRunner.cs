using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AqTrading.AgentDispatcher.Sandbox;
using AqTrading.AgentDispatcher.Tools;
using AqTrading.Agents.Abstractions.Permissions;
using AqTrading.Agents.Abstractions.Protocol;
using AqTrading.Agents.Abstractions.Roles;

namespace AqTrading.AgentDispatcher.Runs;

/// <summary>One tool call of a run, allowed or denied, as stored in <c>agent_results.tool_calls</c>.</summary>
public sealed record ToolCallRecord(
    string Id,
    string Tool,
    JsonElement Args,
    bool Allowed,
    string Requirement,
    bool Ok,
    string? Error,
    DateTimeOffset At,
    double DurationMs);

/// <summary>How a worker run ended.</summary>
public sealed record RunOutcome(
    AgentRunStatus Status,
    bool Success,
    JsonElement? Result,
    string? Summary,
    string? Error,
    int? ExitCode,
    IReadOnlyList<ToolCallRecord> ToolCalls,
    IReadOnlyList<RedisWriteDone> Writes,
    SandboxProfile Sandbox,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt);

/// <summary>
/// Runs one agent in its sandboxed worker process and holds the conversation: sends the run, checks every tool call
/// against <see cref="PermissionMatrix"/> before executing it (a denied call is recorded and answered with an error,
/// never executed), answers, and takes the worker's result. The worker is killed at the time limit (timed_out), and a
/// worker that exits without a result, or breaks the protocol, fails the run. Its private directory is deleted after.
/// </summary>
public sealed partial class AgentRunner(WorkerSandbox sandbox, ToolExecutor tools, TimeProvider time, ILogger<AgentRunner> logger)
{
    private const int StderrLimit = 4000;

    public async Task<RunOutcome> RunAsync(AgentRun run, CancellationToken stopping)
    {
        var started = time.GetUtcNow();
        var calls = new List<ToolCallRecord>();
        var writes = new List<RedisWriteDone>();
        var profile = sandbox.Profile;
        var directory = Directory.CreateTempSubdirectory("aq-agent-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        RunOutcome Outcome(AgentRunStatus status, bool success, JsonElement? result, string? summary, string? error, int? exitCode) =>
            new(status, success, result, summary, error, exitCode, calls, writes, profile, started, time.GetUtcNow());

        Process? process = null;
        var stderr = new StringBuilder();
        var timedOut = false;
        try
        {
            try
            {
                process = Process.Start(sandbox.StartInfo(directory.FullName))
                          ?? throw new InvalidOperationException("The worker process did not start.");
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or FileNotFoundException or InvalidOperationException)
            {
                return Outcome(AgentRunStatus.Failed, false, null, null, $"The worker could not be started: {e.Message}", null);
            }

            process.ErrorDataReceived += (_, e) =>
            {
                lock (stderr)
                {
                    if (e.Data is not null && stderr.Length < StderrLimit)
                    {
                        stderr.AppendLine(e.Data.Length > StderrLimit ? e.Data[..StderrLimit] : e.Data);
                    }
                }
            };
            process.BeginErrorReadLine();

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            limit.CancelAfter(sandbox.Options.TimeLimit);
            var worker = process;
            // Killing the worker closes its stdout, which ends the conversation below wherever it waits.
            using var kill = limit.Token.Register(() =>
            {
                timedOut = !stopping.IsCancellationRequested;
                Kill(worker);
            });

            var input = process.StandardInput;
            input.AutoFlush = true;
            await input.WriteLineAsync(new ProtocolMessage
            {
                Type = ProtocolMessage.RunType, RunId = run.Id, Role = run.Role.Name(), Task = run.Task,
                Context = JsonDocument.Parse(run.Context).RootElement.Clone(), Diagnostics = sandbox.Options.DiagnosticsEnabled,
            }.ToLine());

            ProtocolMessage? final = null;
            string? protocolError = null;
            while (final is null && protocolError is null)
            {
                string? line;
                try
                {
                    line = await process.StandardOutput.ReadLineAsync(CancellationToken.None);
                }
                catch (IOException)
                {
                    line = null;
                }

                if (line is null)
                {
                    break;
                }

                if (line.Length > ProtocolMessage.MaxLineLength)
                {
                    protocolError = $"The worker wrote a line longer than {ProtocolMessage.MaxLineLength} characters.";
                    break;
                }

                ProtocolMessage? message;
                try
                {
                    message = ProtocolMessage.Parse(line);
                }
                catch (JsonException)
                {
                    message = null;
                }

                switch (message?.Type)
                {
                    case ProtocolMessage.ToolCallType when calls.Count >= sandbox.Options.MaxToolCalls:
                        protocolError = $"The worker made more than {sandbox.Options.MaxToolCalls} tool calls.";
                        break;
                    case ProtocolMessage.ToolCallType:
                        var answer = await CallToolAsync(run, message, calls, writes, limit.Token);
                        try
                        {
                            await input.WriteLineAsync(answer.ToLine());
                        }
                        catch (IOException)
                        {
                            // The worker is gone; reading its stdout ends the loop.
                        }

                        break;
                    case ProtocolMessage.ResultType:
                        final = message;
                        break;
                    default:
                        protocolError = $"The worker wrote something that is not a protocol message: {Excerpt(line)}";
                        break;
                }
            }

            if (final is not null)
            {
                // The worker exits by itself after its result; give it a moment, then make sure.
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    Kill(process);
                }
            }
            else
            {
                if (protocolError is not null)
                {
                    Kill(process);
                }

                await process.WaitForExitAsync(CancellationToken.None);
            }

            var exitCode = process.HasExited ? process.ExitCode : (int?)null;
            string Stderr()
            {
                lock (stderr)
                {
                    return stderr.ToString().Trim();
                }
            }

            if (timedOut)
            {
                return Outcome(AgentRunStatus.TimedOut, false, null, null,
                    $"The worker exceeded its time limit of {sandbox.Options.TimeLimit.TotalSeconds:0.#} s and was killed.", exitCode);
            }

            if (stopping.IsCancellationRequested)
            {
                return Outcome(AgentRunStatus.Failed, false, null, null, "The dispatcher stopped during the run.", exitCode);
            }

            if (protocolError is not null)
            {
                return Outcome(AgentRunStatus.Failed, false, null, null, protocolError, exitCode);
            }

            if (final is null)
            {
                var detail = Stderr();
                return Outcome(AgentRunStatus.Failed, false, null, null,
                    $"The worker exited with code {exitCode} without a result{(detail.Length > 0 ? $": {detail}" : ".")}", exitCode);
            }

            var success = final.Success == true;
            return Outcome(success ? AgentRunStatus.Succeeded : AgentRunStatus.Failed, success, final.Result, final.Summary,
                success ? null : final.Error ?? "The agent reported a failure.", exitCode);
        }
        finally
        {
            if (process is not null)
            {
                Kill(process);
                process.Dispose();
            }

            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException e)
            {
                LogCleanupFailed(directory.FullName, e.Message);
            }
        }
    }

    private async Task<ProtocolMessage> CallToolAsync(AgentRun run, ProtocolMessage call, List<ToolCallRecord> calls, List<RedisWriteDone> writes, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var id = call.Id ?? (calls.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tool = call.Tool ?? "";
        var args = call.Args ?? JsonDocument.Parse("{}").RootElement;
        var decision = PermissionMatrix.Check(run.Role, tool, args);
        if (!decision.Allowed)
        {
            LogDenied(run.Id, run.Role.Name(), tool, decision.Reason!);
            calls.Add(new ToolCallRecord(id, tool, args, false, decision.Requirement, false, $"permission_denied: {decision.Reason}", at, 0));
            return new ProtocolMessage { Type = ProtocolMessage.ToolResultType, Id = id, Ok = false, Error = $"permission_denied: {decision.Reason}" };
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var result = await tools.ExecuteAsync(tool, args, writes, ct);
            calls.Add(new ToolCallRecord(id, tool, args, true, decision.Requirement, true, null, at, watch.Elapsed.TotalMilliseconds));
            return new ProtocolMessage { Type = ProtocolMessage.ToolResultType, Id = id, Ok = true, Result = result };
        }
        catch (Exception e) when (e is ToolException or KeyNotFoundException or InvalidOperationException or OperationCanceledException or HttpRequestException)
        {
            var error = e is OperationCanceledException ? "The tool call was cancelled (time limit)." : e.Message;
            calls.Add(new ToolCallRecord(id, tool, args, true, decision.Requirement, false, error, at, watch.Elapsed.TotalMilliseconds));
            return new ProtocolMessage { Type = ProtocolMessage.ToolResultType, Id = id, Ok = false, Error = error };
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static string Excerpt(string line) => line.Length > 200 ? line[..200] + "…" : line;

    [LoggerMessage(LogLevel.Warning, "Agent run {RunId} ({Role}): tool call {Tool} denied: {Reason}")]
    private partial void LogDenied(Guid runId, string role, string tool, string reason);

    [LoggerMessage(LogLevel.Warning, "Could not delete the worker directory {Directory}: {Problem}")]
    private partial void LogCleanupFailed(string directory, string problem);
}
