using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AqTrading.LoadDriver;

/// <summary>
/// The whole AppHost, started as the whole-system tests start it: real PostgreSQL, Redis and RabbitMQ from the Debian
/// packages (Infra:Mode=local) with data in a fresh temporary folder, every service, and the gateway on a free port.
/// The admin password is generated per run; the gateway's per-user rate limit is lifted, since one user (the driver)
/// sends every request.
/// </summary>
internal sealed class TradingSystem : IAsyncDisposable
{
    private static readonly string[] Resources =
    [
        "gateway", "portfolio", "risk", "orders", "market-data", "strategies", "backtest", "derivatives", "reconciliation", "agent-dispatcher",
    ];

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "aq-load-driver", Guid.NewGuid().ToString("N")[..12]);
    private readonly string _adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private DistributedApplication? _app;

    public Uri Endpoint(string resource) => (_app ?? throw new InvalidOperationException("Not started.")).GetEndpoint(resource, "http");

    public async Task StartAsync(string? serviceLogLevel, CancellationToken ct)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AqTrading_AppHost>(
            ["Infra:Mode=local", $"Infra:DataRoot={_dataRoot}", "Gateway:Port=0", "Demo:Enabled=false", $"AQ_ADMIN_PASSWORD={_adminPassword}"], ct);
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway"))
            .WithEnvironment("Gateway__RateLimit__PermitsPerSecond", "1000000")
            .WithEnvironment("Gateway__RateLimit__Burst", "1000000");
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

    /// <summary>Signs in as the admin through the gateway and returns the bearer token.</summary>
    public async Task<string> SignInAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Endpoint("gateway") };
        var response = await http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = _adminPassword }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!;
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
