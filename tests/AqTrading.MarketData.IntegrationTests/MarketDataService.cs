using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AqTrading.MarketData.IntegrationTests;

[CollectionDefinition(nameof(ServersCollection))]
public sealed class ServersCollection : ICollectionFixture<LocalServers>;

/// <summary>The market-data service in-process on its own fresh database against the shared real servers.</summary>
public abstract class MarketDataTest(LocalServers servers, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected LocalServers Servers { get; } = servers;

    protected ServiceFactory<Program> Service { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    /// <summary>A symbol no other test uses (Redis is shared by the whole assembly).</summary>
    protected static string NewSymbol(string prefix = "T") => $"{prefix}{Guid.NewGuid():N}"[..8].ToUpperInvariant();

    public async Task InitializeAsync()
    {
        Service = await ServiceFactory<Program>.CreateAsync(Servers, "marketdatadb", settings);
        Http = Service.CreateClient();
        await Service.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
    }

    protected async Task<List<JsonElement>> BarsAsync(string symbol, string query)
    {
        var page = await Http.GetFromJsonAsync<JsonElement>($"/api/market/bars/{symbol}?{query}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>The shared sample data (../shared/data/lean from the checkout), found above the test's folder.</summary>
    protected static string LeanRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "data", "lean");
                if (Directory.Exists(Path.Combine(candidate, "equity", "usa")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"shared/data/lean was not found above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value (no fixed sleeps); fails after 30 s.</summary>
    protected static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 30 s.");
            }

            await Task.Delay(50);
        }
    }
}
