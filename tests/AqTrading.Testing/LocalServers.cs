using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace AqTrading.Testing;

/// <summary>
/// Real PostgreSQL, Redis and RabbitMQ servers for a test assembly, started from the Debian packages with the
/// same scripts the AppHost uses (AqTrading.AppHost/infra), on free loopback ports, with data in a temporary
/// folder that is removed afterwards. Use as an xUnit collection fixture.
/// </summary>
public sealed class LocalServers : IAsyncLifetime
{
    private readonly List<Process> _processes = [];
    private string _root = "";
    private string _postgresServer = "";

    public string RedisConnectionString { get; private set; } = "";

    public string RabbitMqConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "aq-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        if (!OperatingSystem.IsWindows())
        {
            // The postgres user must be able to traverse to its data folder (mode 711).
            File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Task.WhenAll(StartPostgresAsync(timeout.Token), StartRedisAsync(timeout.Token), StartRabbitMqAsync(timeout.Token));
    }

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await using var connection = new NpgsqlConnection(_postgresServer + ";Database=postgres");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return $"{_postgresServer};Database={name}";
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes.AsEnumerable().Reverse())
        {
            await StopAsync(process);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be flushing a file; the folder is under the temp directory.
        }
    }

    private async Task StartPostgresAsync(CancellationToken ct)
    {
        var port = FreePort();
        var password = Guid.NewGuid().ToString("N");
        Start("/bin/bash", [Script("local-postgres.sh")], new()
        {
            ["PGDATA_ROOT"] = Path.Combine(_root, "postgres"),
            ["PGPORT"] = port.ToString(),
            ["POSTGRES_PASSWORD"] = password,
        });
        _postgresServer = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Pooling=true;Maximum Pool Size=50";
        await WaitUntilAsync("PostgreSQL", async () =>
        {
            await using var connection = new NpgsqlConnection(_postgresServer + ";Database=postgres");
            await connection.OpenAsync(ct);
        }, ct);
    }

    private async Task StartRedisAsync(CancellationToken ct)
    {
        var port = FreePort();
        var directory = Directory.CreateDirectory(Path.Combine(_root, "redis")).FullName;
        Start("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory], []);
        RedisConnectionString = $"127.0.0.1:{port}";
        await WaitUntilAsync("Redis", async () =>
        {
            await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(RedisConnectionString);
            await redis.GetDatabase().PingAsync();
        }, ct);
    }

    private async Task StartRabbitMqAsync(CancellationToken ct)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, "rabbitmq")).FullName;
        // A private epmd, as in the AppHost: nothing of ours outlives the tests.
        var epmdPort = FreePort();
        Start("epmd", ["-address", "127.0.0.1", "-port", epmdPort.ToString()], []);
        var port = FreePort();
        Start("/bin/bash", [Script("local-rabbitmq.sh")], new()
        {
            ["RMQ_ROOT"] = directory,
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreePort().ToString(),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(),
        });
        RabbitMqConnectionString = $"amqp://guest:guest@127.0.0.1:{port}/";
        await WaitUntilAsync("RabbitMQ", async () =>
        {
            var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(RabbitMqConnectionString) };
            await using var connection = await factory.CreateConnectionAsync(ct);
        }, ct);
    }

    private void Start(string command, string[] args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(command, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command}.");
        // Drain the output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM lets PostgreSQL and RabbitMQ shut down cleanly (and take their child processes with them).
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilAsync(string server, Func<Task> probe, CancellationToken ct)
    {
        Exception? last = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await probe();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
                await Task.Delay(200, CancellationToken.None);
            }
        }

        throw new InvalidOperationException($"{server} did not become ready in time: {last?.Message}", last);
    }

    private static string Script(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "AqTrading.AppHost", "infra", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"AqTrading.AppHost/infra/{name} was not found above {AppContext.BaseDirectory}.");
    }

    private static readonly HashSet<int> Issued = [];

    /// <summary>
    /// A port for a server to listen on: free now, never handed out before in this process, and below Linux's
    /// ephemeral range (32768+). Port 0's pick came from that range, where an outbound connection could take it before
    /// the server bound it, and two picks for one fixture could coincide; a server that lost its port then left its
    /// client talking to another protocol's listener until the 3-minute start budget ran out ("PostgreSQL did not
    /// become ready in time: The operation has timed out").
    /// </summary>
    private static int FreePort()
    {
        lock (Issued)
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (Issued.Contains(port))
                {
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                }
                catch (SocketException)
                {
                    continue;
                }

                Issued.Add(port);
                return port;
            }
        }
    }
}
