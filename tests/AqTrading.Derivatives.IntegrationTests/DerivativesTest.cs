using AqTrading.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AqTrading.Derivatives.IntegrationTests;

[CollectionDefinition(nameof(ServersCollection))]
public sealed class ServersCollection : ICollectionFixture<LocalServers>;

/// <summary>The derivatives service in-process on its own fresh database against the shared real servers.</summary>
public abstract class DerivativesTest(LocalServers servers, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected LocalServers Servers { get; } = servers;

    protected ServiceFactory<Program> Service { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await ServiceFactory<Program>.CreateAsync(Servers, "derivativesdb", settings);
        Http = Service.CreateClient();
        await Service.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
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
