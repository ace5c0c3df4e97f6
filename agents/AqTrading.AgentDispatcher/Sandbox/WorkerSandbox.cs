using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace AqTrading.AgentDispatcher.Sandbox;

/// <summary>How a worker is confined; recorded on every run.</summary>
/// <param name="Network"><c>namespace</c> (unshare -n, as root), <c>user_namespace</c> (unshare -r -n, unprivileged) or <c>shared</c>.</param>
public sealed record SandboxProfile(
    string Network,
    string? NetworkProblem,
    int MemoryLimitMb,
    int? AddressSpaceLimitMb,
    double TimeLimitSeconds,
    IReadOnlyList<string> Environment);

/// <summary>
/// Builds the worker's process: a cleared environment with an allow-list (no connection strings, no signing key, no
/// secrets — nothing of the dispatcher's own environment), a private temporary working directory (mode 700, deleted
/// afterwards), a managed-heap limit (DOTNET_GCHeapHardLimit), an address-space limit (prlimit --as) and, where the
/// platform allows it, a new empty network namespace (only a loopback that is down). What works is probed once, at
/// first use; what does not is recorded on the run (docs/ARCHITECTURE.md, Agents, explains the fallbacks).
/// </summary>
public sealed partial class WorkerSandbox(IOptions<AgentsOptions> options, ILogger<WorkerSandbox> logger)
{
    private readonly Lazy<(string[] Prefix, string Network, string? Problem, bool Prlimit)> _platform = new(() => Probe(options.Value, logger));

    public AgentsOptions Options => options.Value;

    public SandboxProfile Profile
    {
        get
        {
            var platform = _platform.Value;
            var o = options.Value;
            return new SandboxProfile(platform.Network, platform.Problem, o.MemoryLimitMb,
                platform.Prlimit && o.AddressSpaceLimitMb > 0 ? o.AddressSpaceLimitMb : null, o.TimeLimit.TotalSeconds,
                [.. Environment(Path.GetTempPath()).Keys.Order(StringComparer.Ordinal)]);
        }
    }

    /// <summary>The start info of a worker with <paramref name="workingDirectory"/> as its private directory.</summary>
    public ProcessStartInfo StartInfo(string workingDirectory)
    {
        var o = options.Value;
        var platform = _platform.Value;
        var worker = WorkerPath(o);
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        var command = new List<string>(platform.Prefix);
        if (platform.Prlimit && o.AddressSpaceLimitMb > 0)
        {
            command.AddRange(["/usr/bin/prlimit", $"--as={(long)o.AddressSpaceLimitMb * 1024 * 1024}", "--"]);
        }

        command.AddRange([DotnetHost(o), worker]);
        start.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in Environment(workingDirectory))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>
    /// The worker's whole environment. Nothing is inherited: the dispatcher's own variables hold its connection strings
    /// and the token signing key.
    /// </summary>
    private Dictionary<string, string> Environment(string workingDirectory)
    {
        var o = options.Value;
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = workingDirectory,
            ["TMPDIR"] = workingDirectory,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // No diagnostics IPC endpoint: nothing can attach to the worker, and it needs no socket in /tmp.
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCHeapHardLimit"] = ((long)o.MemoryLimitMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture),
        };
        // The runtime's location, when the host was installed outside the default places.
        if (System.Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            environment["DOTNET_ROOT"] = root;
        }

        return environment;
    }

    private static string WorkerPath(AgentsOptions o)
    {
        var path = o.WorkerPath is { Length: > 0 } configured
            ? Path.GetFullPath(configured, AppContext.BaseDirectory)
            : Path.Combine(AppContext.BaseDirectory, "AqTrading.AgentWorker.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The agent worker is not at {path} (Agents:WorkerPath).", path);
    }

    /// <summary>The dotnet host: configured, the one the CLI names (DOTNET_HOST_PATH), the one running us, or PATH's.</summary>
    private static string DotnetHost(AgentsOptions o)
    {
        if (o.DotnetHost is { Length: > 0 } configured)
        {
            return configured;
        }

        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } cli && File.Exists(cli))
        {
            return cli;
        }

        if (System.Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }

    private static (string[] Prefix, string Network, string? Problem, bool Prlimit) Probe(AgentsOptions o, ILogger logger)
    {
        var prlimit = OperatingSystem.IsLinux() && File.Exists("/usr/bin/prlimit") && Succeeds("/usr/bin/prlimit", ["--as=4294967296", "--", "/bin/true"]);
        if (!OperatingSystem.IsLinux())
        {
            return ([], "shared", "network namespaces need Linux", false);
        }

        if (string.Equals(o.NetworkIsolation, "off", StringComparison.OrdinalIgnoreCase))
        {
            return ([], "shared", "Agents:NetworkIsolation is off", prlimit);
        }

        const string unshare = "/usr/bin/unshare";
        if (!File.Exists(unshare))
        {
            LogNoIsolation(logger, "unshare is not installed (util-linux)");
            return ([], "shared", "unshare is not installed (util-linux)", prlimit);
        }

        if (Succeeds(unshare, ["--net", "--", "/bin/true"]))
        {
            return ([unshare, "--net", "--"], "namespace", null, prlimit);
        }

        // Unprivileged: a user namespace in which we may create the network namespace (where the kernel allows it).
        if (Succeeds(unshare, ["--map-root-user", "--net", "--", "/bin/true"]))
        {
            return ([unshare, "--map-root-user", "--net", "--"], "user_namespace", null, prlimit);
        }

        const string problem = "neither unshare --net nor unshare --map-root-user --net is permitted here";
        LogNoIsolation(logger, problem);
        return ([], "shared", problem, prlimit);
    }

    private static bool Succeeds(string file, string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            if (!process.WaitForExit(5000))
            {
                process.Kill(true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Agent workers share the dispatcher's network: {Problem}. They still hold no credentials (see docs/ARCHITECTURE.md, Agents).")]
    private static partial void LogNoIsolation(ILogger logger, string problem);
}
