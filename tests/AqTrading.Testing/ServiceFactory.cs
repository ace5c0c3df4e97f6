using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AqTrading.Testing;

/// <summary>
/// One service in-process (its real Program) against the real servers of <see cref="LocalServers"/>, with its own
/// fresh database — what the AppHost would hand it, minus the orchestrator. The service validates tokens signed with
/// <see cref="TestTokens.SigningKey"/>, and <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> sends an
/// admin token; a test that wants no token (or another role) sets the Authorization header itself.
/// </summary>
public sealed class ServiceFactory<TEntryPoint>(LocalServers servers, string connectionName, string databaseConnectionString,
    IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    public static async Task<ServiceFactory<TEntryPoint>> CreateAsync(LocalServers servers, string connectionName,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        new(servers, connectionName, await servers.CreateDatabaseAsync(connectionName), settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting($"ConnectionStrings:{connectionName}", databaseConnectionString);
        builder.UseSetting("ConnectionStrings:redis", servers.RedisConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", servers.RabbitMqConnectionString);
        builder.UseSetting("Auth:SigningKey", TestTokens.SigningKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(AqTrading.Security.Roles.Admin));
    }
}
