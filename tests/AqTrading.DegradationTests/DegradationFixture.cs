using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AqTrading.SystemTests;

namespace AqTrading.DegradationTests;

/// <summary>
/// A system of its own for the degradation table, with risk's market-data staleness rule on: the feed is the quote of
/// <see cref="FeedSymbol"/> (the fixture's warm-up quotes it first), stale after <see cref="StaleAfter"/>. Tests keep the
/// feed fresh with <see cref="FreshFeedAsync"/> and stop and start resources as the Aspire dashboard's Stop/Start do.
/// </summary>
public sealed class DegradationFixture : SystemFixture
{
    public const string FeedSymbol = "WARMUP";

    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(2);

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        var risk = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "risk");
        builder.CreateResourceBuilder(risk)
            .WithEnvironment("Risk__Degradation__MarketDataStaleAfter", StaleAfter.ToString("c"))
            .WithEnvironment("Risk__Degradation__MarketDataSymbols__0", FeedSymbol);
        // The health watch probes every 2 s (10 s by default), so a component's down and recovery alerts come quickly.
        var operations = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "reconciliation");
        builder.CreateResourceBuilder(operations).WithEnvironment("Health__Interval", HealthInterval.ToString("c"));
    }

    /// <summary>Quotes the feed's symbol now and waits until risk has seen it (it checks every second).</summary>
    public async Task FreshFeedAsync()
    {
        (await Gateway.PutAsJsonAsync($"/api/market/quotes/{FeedSymbol}", new { bid = 9.99m, ask = 10.01m })).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var system = await Gateway.GetFromJsonAsync<JsonElement>("/api/risk/system");
            if (!system.GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.StartsWith("market_data_stale", StringComparison.Ordinal)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"risk still sees stale market data after a fresh quote: {system}");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Stops a resource (a server or a service) and waits until it has exited. DCP sometimes answers "failed to stop" for
    /// a .NET service still shutting down on a loaded machine; the process tree is then killed, as a crash would end it.
    /// </summary>
    public async Task StopAsync(string resource)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        if (await ExitedAsync(resource, TimeSpan.FromSeconds(30)))
        {
            return;
        }

        App.ResourceNotifications.TryGetCurrentState(resource, out var current);
        var pid = current?.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
        Assert.True(int.TryParse(pid, out var id), $"{resource} did not stop ({result.Message}) and has no process id to kill");
        try
        {
            System.Diagnostics.Process.GetProcessById(id).Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Gone meanwhile.
        }

        // DCP's view may lag (or stay "Unknown" after its failed stop); the process itself is gone.
        await ExitedAsync(resource, TimeSpan.FromSeconds(10));
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(id));
    }

    private async Task<bool> ExitedAsync(string resource, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await App.ResourceNotifications.WaitForResourceAsync(resource, [KnownResourceStates.Exited, KnownResourceStates.Finished], timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Starts a stopped resource again and waits until it is healthy (a running one is left alone).</summary>
    public async Task StartAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        if (App.ResourceNotifications.TryGetCurrentState(resource, out var current)
            && current.Snapshot.State?.Text is { } state && state != KnownResourceStates.Running)
        {
            var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, timeout.Token);
            Assert.True(result.Success, $"starting {resource} (state {state}): {result.Message}");
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }
}

[CollectionDefinition(nameof(DegradationCollection), DisableParallelization = true)]
public sealed class DegradationCollection : ICollectionFixture<DegradationFixture>;
