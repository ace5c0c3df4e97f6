using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AqTrading.LoadDriver;

/// <summary>
/// The whole AppHost, started as the whole-system tests start it: real PostgreSQL, Redis and RabbitMQ from the Debian
/// packages (Infra:Mode=local) with data in a fresh temporary folder, every service, and the gateway on a free port.
/// </summary>
internal sealed class TradingSystem : IAsyncDisposable
{
    private static readonly string[] Resources =
    [
        "gateway", "portfolio", "risk", "orders", "market-data", "strategies", "backtest", "derivatives", "reconciliation", "agent-dispatcher",
    ];

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "aq-load-driver", Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication? _app;

    public Uri Endpoint(string resource) => (_app ?? throw new InvalidOperationException("Not started.")).GetEndpoint(resource, "http");

    public async Task StartAsync(string? serviceLogLevel, CancellationToken ct)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AqTrading_AppHost>(
            ["Infra:Mode=local", $"Infra:DataRoot={_dataRoot}", "Gateway:Port=0", "Demo:Enabled=false"], ct);
        // The services' console output reaches this process as Information logs of "<AppHost>.Resources.<name>":
        // printing every line of it would cost this driver CPU the system under test needs.
        // The orchestrator's health probes fail, loudly, until each resource is up: expected, so not shown.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("AqTrading.AppHost.Resources", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        if (serviceLogLevel is not null)
        {
            foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
            {
                builder.CreateResourceBuilder(project).WithEnvironment("Logging__LogLevel__Default", serviceLogLevel);
            }
        }

        _app = await builder.BuildAsync(ct);
        await _app.StartAsync(ct);
        foreach (var resource in Resources)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            // Stopping must end even when the run itself timed out.
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await _app.StopAsync(stopTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("The system did not stop within 2 minutes; disposing it anyway.");
            }

            await _app.DisposeAsync();
        }

        // PostgreSQL may still be letting go of its files for a moment after it stopped.
        for (var attempt = 1; Directory.Exists(_dataRoot); attempt++)
        {
            try
            {
                Directory.Delete(_dataRoot, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == 5)
                {
                    Console.Error.WriteLine($"Could not delete {_dataRoot}: {e.Message}");
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        Console.WriteLine("System stopped; its data folder is deleted.");
    }
}
