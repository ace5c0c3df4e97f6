using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AqTrading.AlpacaSim;
using AqTrading.Contracts.MarketData;
using AqTrading.Contracts.Risk;
using AqTrading.Orders.Brokers.Alpaca;
using AqTrading.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AqTrading.Orders.IntegrationTests;

/// <summary>
/// The orders service in-process on real PostgreSQL, Redis and RabbitMQ, with one account (<see cref="Account"/>) set
/// to <c>alpaca-paper</c> and pointed at a local <see cref="AlpacaSimulator"/>; risk is a stub that approves every
/// order (risk's own behaviour is tested elsewhere). Every log line the service writes, at every level, is kept.
/// </summary>
public sealed class AlpacaOrdersFixture : IAsyncLifetime
{
    public const string Account = "alpaca-main";

    public LocalServers Servers { get; } = new();

    public AlpacaSimulator Sim { get; private set; } = null!;

    public WebApplicationFactoryOf Orders { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    private WebApplication _risk = null!;
    private ConnectionMultiplexer _redis = null!;

    /// <summary>The stub risk service's address (every check approved).</summary>
    public string RiskUrl => _risk.Urls.First();

    public BrokerRouter Router => Orders.Services.GetRequiredService<BrokerRouter>();

    public AlpacaBroker Alpaca => Router.AlpacaFor(Account)!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Sim = await AlpacaSimulator.StartAsync();
        _risk = await StartRiskStubAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString);
        var factory = await ServiceFactory<Program>.CreateAsync(Servers, "ordersdb", Settings(Sim, _risk.Urls.First()));
        Orders = new WebApplicationFactoryOf(factory.WithWebHostBuilder(host => host.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        })));
        Http = Orders.CreateClient();
        await Eventually.TrueAsync(() => Task.FromResult(Alpaca.Connections > 0));
    }

    /// <summary>The settings an operator writes for an alpaca-paper account, pointed at the simulator (fast backoff for tests).</summary>
    public static Dictionary<string, string?> Settings(AlpacaSimulator sim, string riskUrl, string broker = "alpaca-paper") => new()
    {
        ["Orders:Risk:BaseUrl"] = riskUrl,
        ["Orders:Risk:AttemptTimeout"] = "00:00:05",
        [$"Orders:Brokers:Accounts:{Account}:Broker"] = broker,
        [$"Orders:Brokers:Accounts:{Account}:Alpaca:BaseUrl"] = sim.BaseUrl.ToString(),
        [$"Orders:Brokers:Accounts:{Account}:Alpaca:KeyId"] = sim.KeyId,
        [$"Orders:Brokers:Accounts:{Account}:Alpaca:SecretKey"] = sim.SecretKey,
        [$"Orders:Brokers:Accounts:{Account}:Alpaca:ReconnectInitialDelay"] = "00:00:00.100",
        [$"Orders:Brokers:Accounts:{Account}:Alpaca:ReconnectMaxDelay"] = "00:00:01",
        // Only the poll after a reconnect: the tests show that path recovers what the stream missed.
        [$"Orders:Brokers:Accounts:{Account}:Alpaca:StatusPollInterval"] = "00:00:00",
        ["Orders:Brokers:AlpacaRetryDelay"] = "00:00:00.050",
    };

    public async Task SetQuoteAsync(string symbol, decimal bid, decimal ask)
    {
        var quote = new Quote(symbol, bid, ask, null, 100, 100, DateTimeOffset.UtcNow);
        await _redis.GetDatabase().StringSetAsync(Quote.RedisKey(symbol), JsonSerializer.Serialize(quote, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }

    private static async Task<WebApplication> StartRiskStubAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/risk/check", (RiskCheckRequest _) => Results.Ok(new RiskCheckResponse(true, null, null, ["stub"], 1m)));
        app.MapGet("/api/risk/state", () => Results.Ok(new { state = "RUNNING" }));
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Orders is not null)
        {
            await Orders.DisposeAsync();
        }

        await Sim.DisposeAsync();
        await _risk.DisposeAsync();
        _redis?.Dispose();
        await Servers.DisposeAsync();
    }
}

/// <summary>A factory made by <c>WithWebHostBuilder</c>, with an admin token on its clients like <see cref="ServiceFactory{T}"/>.</summary>
public sealed class WebApplicationFactoryOf(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> inner) : IAsyncDisposable
{
    public IServiceProvider Services => inner.Services;

    public HttpClient CreateClient()
    {
        var client = inner.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(AqTrading.Security.Roles.Admin));
        return client;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>Every log line, formatted, with its level and category.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a key could hide in a property that the message template does not show.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs.Lines.Enqueue((logLevel, category, $"{formatter(state, exception)} {values} {exception}"));
        }
    }
}

[CollectionDefinition(nameof(AlpacaCollection))]
public sealed class AlpacaCollection : ICollectionFixture<AlpacaOrdersFixture>;

internal static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string? what = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what ?? "condition"} not observed within {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
