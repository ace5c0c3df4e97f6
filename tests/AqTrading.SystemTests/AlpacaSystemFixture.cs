using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AqTrading.AlpacaSim;
using AqTrading.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AqTrading.SystemTests;

/// <summary>
/// The whole system as <see cref="SystemFixture"/> starts it, but with the default account <c>paper</c> set to
/// <c>alpaca-paper</c> through the AppHost's configuration (Orders:Brokers, as docs/BROKERS.md tells an operator) and
/// its base URL pointed at a local <see cref="AlpacaSimulator"/> in this test process.
/// </summary>
public sealed class AlpacaSystemFixture : IAsyncLifetime
{
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "aq-system-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly string _adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private DistributedApplication? _app;

    public AlpacaSimulator Sim { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sim = await AlpacaSimulator.StartAsync();
        // Longer than SystemFixture's 5 minutes: this system starts after the others, on a machine they may still load.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        const string account = "Orders:Brokers:Accounts:paper";
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AqTrading_AppHost>(
        [
            "Infra:Mode=local", $"Infra:DataRoot={_dataRoot}", "Gateway:Port=0", "Demo:Enabled=false",
            $"AQ_ADMIN_PASSWORD={_adminPassword}",
            $"Parameters:auth-signing-key={Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}",
            $"{account}:Broker=alpaca-paper", $"{account}:Alpaca:BaseUrl={Sim.BaseUrl}",
            $"{account}:Alpaca:KeyId={Sim.KeyId}", $"{account}:Alpaca:SecretKey={Sim.SecretKey}",
            $"{account}:Alpaca:ReconnectInitialDelay=00:00:00.200", $"{account}:Alpaca:ReconnectMaxDelay=00:00:02",
        ], ct);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var orders = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "orders");
        builder.CreateResourceBuilder(orders).WithEnvironment("Orders__Risk__AttemptTimeout", "00:00:02");
        _app = await builder.BuildAsync(ct);
        await _app.StartAsync(ct);
        foreach (var resource in new[] { "gateway", "portfolio", "risk", "orders", "market-data" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct);
        }

        Gateway = _app.CreateHttpClient("gateway");
        var signIn = await Gateway.PostAsJsonAsync("/api/auth/token", new { username = Roles.Admin, password = _adminPassword }, ct);
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString();
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Sim is not null)
        {
            await Sim.DisposeAsync();
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

/// <summary>
/// Runs after the parallel collections, never beside them: a second whole system on two cores at the same time as
/// <see cref="SystemCollection"/>'s would starve both of their health checks.
/// </summary>
[CollectionDefinition(nameof(AlpacaSystemCollection), DisableParallelization = true)]
public sealed class AlpacaSystemCollection : ICollectionFixture<AlpacaSystemFixture>;
