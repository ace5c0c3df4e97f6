using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AqTrading.SystemTests;

/// <summary>
/// Starts the whole AppHost once for the test collection: real PostgreSQL, Redis and RabbitMQ from the Debian
/// packages (Infra:Mode=local) with data in a fresh temporary folder, every service, and the gateway on a free port.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public static readonly string[] Services =
    [
        "portfolio", "risk", "orders", "market-data", "strategies", "backtest", "derivatives", "reconciliation", "agent-dispatcher",
    ];

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "aq-system-tests", Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system is not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AqTrading_AppHost>(
            ["Infra:Mode=local", $"Infra:DataRoot={_dataRoot}", "Gateway:Port=0", "Demo:Enabled=false"], ct);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // These tests check behaviour, not the production risk budget (250 ms): on a loaded two-core CI machine a burst
        // of orders can miss it and fail closed, which would hide what a test looks at (e.g. reservations under load).
        var orders = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "orders");
        builder.CreateResourceBuilder(orders).WithEnvironment("Orders__Risk__AttemptTimeout", "00:00:02");
        _app = await builder.BuildAsync(ct);
        await _app.StartAsync(ct);

        await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", ct);
        foreach (var service in Services)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, ct);
        }

        Gateway = _app.CreateHttpClient("gateway");
        GatewayUrl = _app.GetEndpoint("gateway", "http");
    }

    /// <summary>Trading back to running (tests that pull the kill switch or breach a loss limit leave it halted).</summary>
    public async Task EnsureTradingAsync()
    {
        await Gateway.PostAsync("/api/risk/enable-resume", null);
        var resume = await Gateway.PostAsync("/api/risk/resume", null);
        Assert.True(resume.IsSuccessStatusCode, $"resume answered {(int)resume.StatusCode}");
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
            // Left under the temp directory.
        }
    }
}

[CollectionDefinition(nameof(SystemCollection))]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>;
