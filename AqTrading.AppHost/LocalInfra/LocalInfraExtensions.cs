using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AqTrading.AppHost.LocalInfra;

/// <summary>
/// Starts the Debian-packaged PostgreSQL, Redis and RabbitMQ as DCP executables on free ports, with
/// readiness checks so that <c>WaitFor</c> really waits until each server answers.
/// </summary>
public static class LocalInfraExtensions
{
    /// <summary>Infra:Mode = auto (default) | containers | local | external.</summary>
    public static InfraMode ResolveInfraMode(this IDistributedApplicationBuilder builder)
    {
        // Manifests and deployments always describe the real container resources.
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfraMode.Containers;
        }

        var configured = builder.Configuration["Infra:Mode"] ?? "auto";
        return configured.ToLowerInvariant() switch
        {
            "auto" => ContainerEngineAnswers() ? InfraMode.Containers : InfraMode.Local,
            "containers" => InfraMode.Containers,
            "local" => InfraMode.Local,
            "external" => InfraMode.External,
            _ => throw new InvalidOperationException(
                $"Infra:Mode '{configured}' is not one of auto, containers, local, external."),
        };
    }

    /// <summary>Where local servers keep their data: Infra:DataRoot, else a folder under the system temp directory
    /// (the postgres user must be able to reach it, which a checkout under a mode-700 home would not allow).</summary>
    public static string ResolveLocalDataRoot(this IDistributedApplicationBuilder builder)
    {
        var root = builder.Configuration["Infra:DataRoot"];
        if (string.IsNullOrWhiteSpace(root))
        {
            var checkoutId = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(builder.AppHostDirectory)))[..12].ToLowerInvariant();
            root = Path.Combine(Path.GetTempPath(), "aq-trading", checkoutId);
        }

        Directory.CreateDirectory(root);
        if (OperatingSystem.IsLinux())
        {
            // The postgres user must be able to traverse to its data directory.
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                       | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return root;
    }

    public static IResourceBuilder<LocalServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder,
        string name, string dataRoot, IResourceBuilder<ParameterResource> password)
    {
        var server = new LocalServerResource(name, "/bin/bash", builder.AppHostDirectory);
        var endpoint = server.PrimaryEndpoint;
        server.ConnectionStringExpression = ReferenceExpression.Create(
            $"Host={endpoint.Property(EndpointProperty.IPV4Host)};Port={endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={password.Resource}");

        return builder.AddResource(server)
            .WithArgs(Path.Combine(builder.AppHostDirectory, "infra", "local-postgres.sh"))
            .WithEndpoint(name: LocalServerResource.PrimaryEndpointName, scheme: "tcp", env: "PGPORT", isProxied: false)
            .WithEnvironment("PGDATA_ROOT", Path.Combine(dataRoot, name))
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithReadinessCheck(builder, async (connectionString, ct) =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
            });
    }

    /// <summary>A database on a local PostgreSQL server, created when it does not exist yet.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(
        this IResourceBuilder<LocalServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        var builder = server.ApplicationBuilder;
        var key = $"{name}_ready";
        builder.Services.AddHealthChecks().AddAsyncCheck(key, async ct =>
        {
            try
            {
                var serverConnectionString = await server.Resource.ConnectionStringExpression.GetValueAsync(ct);
                await EnsureDatabaseAsync(serverConnectionString!, database.DatabaseName, ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });
        // DCP only runs the server; Aspire mirrors a parent's state onto children for containers alone, so the
        // database follows its server here: running once the server is ready, finished when it stops.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, (e, _) =>
            e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            }));
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server.Resource, (e, _) =>
            e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Finished,
                StopTimeStamp = DateTime.UtcNow,
            }));
        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, server.Resource.Name)],
            })
            .WithHealthCheck(key);
    }

    public static IResourceBuilder<LocalServerResource> AddLocalRedis(this IDistributedApplicationBuilder builder,
        string name, string dataRoot)
    {
        var directory = Path.Combine(dataRoot, name);
        Directory.CreateDirectory(directory);
        var server = new LocalServerResource(name, "redis-server", directory);
        var endpoint = server.PrimaryEndpoint;
        server.ConnectionStringExpression = ReferenceExpression.Create(
            $"{endpoint.Property(EndpointProperty.IPV4Host)}:{endpoint.Property(EndpointProperty.Port)}");

        return builder.AddResource(server)
            .WithEndpoint(name: LocalServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--appendonly");
                context.Args.Add("no");
                context.Args.Add("--dir");
                context.Args.Add(directory);
            })
            .WithReadinessCheck(builder, async (connectionString, ct) =>
            {
                await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(connectionString);
                await connection.GetDatabase().PingAsync();
            });
    }

    public static IResourceBuilder<LocalServerResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder,
        string name, string dataRoot)
    {
        var directory = Path.Combine(dataRoot, name);
        Directory.CreateDirectory(directory);

        // A private epmd on its own port: a plain RabbitMQ start leaves a shared `epmd -daemon` running forever.
        var epmd = builder.AddExecutable($"{name}-epmd", "epmd", directory, "-address", "127.0.0.1")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "ERL_EPMD_PORT", isProxied: false);

        var server = new LocalServerResource(name, "/bin/bash", directory);
        var endpoint = server.PrimaryEndpoint;
        server.ConnectionStringExpression = ReferenceExpression.Create(
            $"amqp://guest:guest@{endpoint.Property(EndpointProperty.IPV4Host)}:{endpoint.Property(EndpointProperty.Port)}/");

        return builder.AddResource(server)
            .WithArgs(Path.Combine(builder.AppHostDirectory, "infra", "local-rabbitmq.sh"))
            .WithEndpoint(name: LocalServerResource.PrimaryEndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEndpoint(name: "dist", scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithEnvironment("ERL_EPMD_PORT", epmd.GetEndpoint("tcp").Property(EndpointProperty.TargetPort))
            .WithEnvironment("RMQ_ROOT", directory)
            .WaitFor(epmd)
            .WithReadinessCheck(builder, async (connectionString, ct) =>
            {
                var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(connectionString) };
                await using var connection = await factory.CreateConnectionAsync(ct);
            });
    }

    private static IResourceBuilder<LocalServerResource> WithReadinessCheck(this IResourceBuilder<LocalServerResource> resource,
        IDistributedApplicationBuilder builder, Func<string, CancellationToken, Task> probe)
    {
        var key = $"{resource.Resource.Name}_ready";
        var server = resource.Resource;
        builder.Services.AddHealthChecks().AddAsyncCheck(key, async ct =>
        {
            try
            {
                var connectionString = await server.ConnectionStringExpression.GetValueAsync(ct);
                await probe(connectionString!, ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });
        return resource.WithHealthCheck(key);
    }

    private static async Task EnsureDatabaseAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString + ";Database=postgres");
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return;
        }

        try
        {
            // Identifiers cannot be parameters; the name comes from the AppHost's own code, quoted anyway.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another check created it between our look-up and our create.
        }
    }

    /// <summary>True when a Docker engine answers within 5 s (the client alone, as on this project's machines, is not enough).</summary>
    private static bool ContainerEngineAnswers()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", ["version", "--format", "{{.Server.Version}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                return process.ExitCode == 0;
            }

            process.Kill(entireProcessTree: true);
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}

public enum InfraMode
{
    Containers,
    Local,
    External,
}
