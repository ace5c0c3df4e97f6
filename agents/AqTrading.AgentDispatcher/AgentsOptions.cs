namespace AqTrading.AgentDispatcher;

/// <summary>The <c>Agents</c> configuration section.</summary>
public sealed class AgentsOptions
{
    public const string Section = "Agents";

    /// <summary>Runs executing at once; the rest wait in the queue (the machine's cores also run trading).</summary>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>Runs waiting beyond this are refused (503) rather than queued without bound.</summary>
    public int MaxQueuedRuns { get; set; } = 100;

    /// <summary>A worker still running after this is killed and its run marked timed_out (the seed's 300 s).</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The worker's managed heap limit (DOTNET_GCHeapHardLimit).</summary>
    public int MemoryLimitMb { get; set; } = 256;

    /// <summary>The worker's address-space limit (RLIMIT_AS through prlimit, where available); 0 for none.</summary>
    public int AddressSpaceLimitMb { get; set; } = 4096;

    /// <summary><c>auto</c>: a new network namespace when the platform allows it; <c>off</c>: never.</summary>
    public string NetworkIsolation { get; set; } = "auto";

    /// <summary>The worker's entry assembly; default <c>AqTrading.AgentWorker.dll</c> beside the dispatcher's own.</summary>
    public string? WorkerPath { get; set; }

    /// <summary>The <c>dotnet</c> host that runs the worker; default the one running the dispatcher.</summary>
    public string? DotnetHost { get; set; }

    /// <summary>A run making more tool calls than this is stopped and failed.</summary>
    public int MaxToolCalls { get; set; } = 200;

    /// <summary>How often a submitted backtest job is polled until it ends.</summary>
    public TimeSpan BacktestPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allows the diagnostic tasks that show the sandbox from inside. Tests only.</summary>
    public bool DiagnosticsEnabled { get; set; }

    public string MarketDataUrl { get; set; } = "http://market-data";

    public string PortfolioUrl { get; set; } = "http://portfolio";

    public string BacktestUrl { get; set; } = "http://backtest";

    public string ReconciliationUrl { get; set; } = "http://reconciliation";

    /// <summary>Runs started on a timer (e.g. the risk controller every 15 minutes).</summary>
    public List<AgentSchedule> Schedules { get; set; } = [];
}

public sealed class AgentSchedule
{
    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public string Task { get; set; } = "";

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The run's context, as configuration key/values (strings, numbers as strings).</summary>
    public Dictionary<string, string> Context { get; set; } = [];

    public bool Enabled { get; set; } = true;
}
