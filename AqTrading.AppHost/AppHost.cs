using Microsoft.Extensions.Configuration;
using AqTrading.AppHost;
using AqTrading.AppHost.LocalInfra;
using AqTrading.Security;

var builder = DistributedApplication.CreateBuilder(args);

// One PostgreSQL server with a database per service, one Redis, one RabbitMQ — from containers when a
// container engine answers, otherwise from the locally installed Debian packages (DESIGN §5).
var mode = builder.ResolveInfraMode();
Console.WriteLine($"[apphost] infrastructure mode: {mode.ToString().ToLowerInvariant()}");

string[] databaseNames =
[
    "portfoliodb", "riskdb", "ordersdb", "marketdatadb", "strategiesdb",
    "backtestdb", "derivativesdb", "reconciliationdb", "agentsdb",
];
var databases = new Dictionary<string, IResourceBuilder<IResourceWithConnectionString>>();
IResourceBuilder<IResourceWithConnectionString> redis, messaging;

switch (mode)
{
    case InfraMode.Containers:
        var postgres = builder.AddPostgres("postgres").WithImageTag("15");
        foreach (var name in databaseNames)
        {
            databases[name] = postgres.AddDatabase(name);
        }

        redis = builder.AddRedis("redis");
        messaging = builder.AddRabbitMQ("messaging");
        break;

    case InfraMode.Local:
        var dataRoot = builder.ResolveLocalDataRoot();
        Console.WriteLine($"[apphost] local infrastructure data: {dataRoot}");
        var password = builder.AddParameter("postgres-password",
            builder.Configuration["Parameters:postgres-password"] ?? LocalSecrets.GetOrCreate(dataRoot, "postgres-password"), secret: true);
        var localPostgres = builder.AddLocalPostgres("postgres", dataRoot, password);
        foreach (var name in databaseNames)
        {
            databases[name] = localPostgres.AddLocalDatabase(name);
        }

        redis = builder.AddLocalRedis("redis", dataRoot);
        messaging = builder.AddLocalRabbitMQ("messaging", dataRoot);
        break;

    case InfraMode.External:
        // Servers started elsewhere: ConnectionStrings__portfoliodb, ConnectionStrings__redis, ConnectionStrings__messaging, …
        foreach (var name in databaseNames)
        {
            databases[name] = builder.AddConnectionString(name);
        }

        redis = builder.AddConnectionString("redis");
        messaging = builder.AddConnectionString("messaging");
        break;

    default:
        throw new InvalidOperationException($"Unhandled infrastructure mode {mode}.");
}

// Authentication (docs/ARCHITECTURE.md, Security): one signing key for the gateway and every service (they validate the
// same tokens), generated per data root like the PostgreSQL password; the first admin's password from AQ_ADMIN_PASSWORD
// (./aq run generates and keeps one), handed to the gateway only as a PBKDF2 hash. Publishing leaves both to the deployment.
IResourceBuilder<ParameterResource> signingKey, adminPasswordHash;
if (builder.ExecutionContext.IsPublishMode)
{
    signingKey = builder.AddParameter("auth-signing-key", secret: true);
    adminPasswordHash = builder.AddParameter("admin-password-hash", secret: true);
}
else
{
    var secretsRoot = builder.ResolveLocalDataRoot();
    signingKey = builder.AddParameter("auth-signing-key",
        builder.Configuration["Parameters:auth-signing-key"] ?? LocalSecrets.GetOrCreate(secretsRoot, "auth-signing-key"), secret: true);
    var adminPassword = builder.Configuration["AQ_ADMIN_PASSWORD"];
    if (string.IsNullOrEmpty(adminPassword))
    {
        adminPassword = LocalSecrets.GetOrCreate(secretsRoot, "admin-password");
        Console.WriteLine($"[apphost] AQ_ADMIN_PASSWORD is not set: the admin password is in {Path.Combine(secretsRoot, ".admin-password")}");
    }

    adminPasswordHash = builder.AddParameter("admin-password-hash", PasswordHashes.Hash(adminPassword), secret: true);
}

// An OpenID Connect identity provider instead of the local issuer, when configured (Auth:Authority, Auth:Audience).
var authority = builder.Configuration["Auth:Authority"];
var audience = builder.Configuration["Auth:Audience"];
void Authentication(IResourceBuilder<ProjectResource> resource)
{
    resource.WithEnvironment("Auth__SigningKey", signingKey);
    if (!string.IsNullOrWhiteSpace(authority))
    {
        resource.WithEnvironment("Auth__Authority", authority).WithEnvironment("Auth__Audience", audience ?? "");
    }
}

// Services take their ports from the orchestrator (no launch profiles) and run in the AppHost's environment.
IResourceBuilder<ProjectResource> Service<TProject>(string name, string database) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name, launchProfileName: null)
        .WithHttpEndpoint(name: "http")
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithReference(databases[database]).WaitFor(databases[database])
        .WithReference(redis).WaitFor(redis)
        .WithReference(messaging).WaitFor(messaging)
        .WithHttpHealthCheck("/health")
        .WithTelemetryToDashboardOnly();

var portfolio = Service<Projects.AqTrading_Portfolio>("portfolio", "portfoliodb");
// Risk asks the portfolio for account snapshots; orders asks risk for every pre-trade decision and the portfolio
// for the positions the kill switch closes.
var risk = Service<Projects.AqTrading_Risk>("risk", "riskdb").WithReference(portfolio);
var orders = Service<Projects.AqTrading_Orders>("orders", "ordersdb").WithReference(risk).WithReference(portfolio);
// The kill switch in risk cancels and flattens through orders.
risk.WithReference(orders);
// The broker of each account (docs/BROKERS.md): Orders:Brokers from the AppHost's configuration (user secrets, environment,
// command line) goes to orders; the Alpaca key pair as secret parameters, so the dashboard does not show it.
foreach (var (key, value) in builder.Configuration.GetSection("Orders:Brokers").AsEnumerable().Where(s => s.Value is not null))
{
    var variable = key.Replace(":", "__", StringComparison.Ordinal);
    if (key.EndsWith(":KeyId", StringComparison.OrdinalIgnoreCase) || key.EndsWith(":SecretKey", StringComparison.OrdinalIgnoreCase))
    {
        var name = System.Text.RegularExpressions.Regex.Replace(key.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        orders.WithEnvironment(variable, builder.AddParameter(name, value!, secret: true));
    }
    else
    {
        orders.WithEnvironment(variable, value);
    }
}

// Demo:Enabled (default true; the whole-system tests turn it off) runs the simulated feed on a few symbols and one
// paper strategy, so a fresh `./aq run` shows prices, signals, fills and P&L moving.
var demo = builder.Configuration.GetValue("Demo:Enabled", true).ToString().ToLowerInvariant();
var marketData = Service<Projects.AqTrading_MarketData>("market-data", "marketdatadb").WithEnvironment("Demo__Enabled", demo);
// The live strategy engine warms up from market-data history, sends its signals to orders as orders and reads its
// positions from the portfolio.
var strategies = Service<Projects.AqTrading_Strategies>("strategies", "strategiesdb")
    .WithReference(marketData).WithReference(orders).WithReference(portfolio)
    .WithEnvironment("Demo__Enabled", demo);
// Backtest workers: two replicas compete for jobs on one RabbitMQ queue; each loads its bars from market-data's history API.
// A 64 MB first GC generation (the default here is a few MB): a run allocates per signal and keeps most of it as its
// result, and fewer collections make the engine ≈ 10 % faster (docs/PERFORMANCE.md). The same value is in
// deploy/k8s/base/services/backtest.yaml and the engine benchmark (tests/AqTrading.Deploy.Tests checks the first).
var backtest = Service<Projects.AqTrading_Backtest>("backtest", "backtestdb").WithReference(marketData).WithReplicas(2)
    .WithEnvironment("DOTNET_GCgen0size", "0x4000000");
// Derivatives reads positions from the portfolio, books exercises/assignments there and sends roll orders to orders.
var derivatives = Service<Projects.AqTrading_Derivatives>("derivatives", "derivativesdb").WithReference(orders).WithReference(portfolio);
// The operations service (reconciliation, alerts, audit) compares the portfolio's books with the broker's (orders),
// restricts trading through risk on a critical discrepancy, and watches every service's health (alerts when one goes
// down or comes back).
var reconciliation = Service<Projects.AqTrading_Reconciliation>("reconciliation", "reconciliationdb")
    .WithReference(portfolio).WithReference(orders).WithReference(risk)
    .WithReference(marketData).WithReference(strategies).WithReference(backtest).WithReference(derivatives);
// The agents' tools read market data, the portfolio, backtests and reconciliation over HTTP; the sandboxed workers
// themselves get no connection strings (docs/ARCHITECTURE.md, Agents).
var agentDispatcher = Service<Projects.AqTrading_AgentDispatcher>("agent-dispatcher", "agentsdb")
    .WithReference(marketData).WithReference(portfolio).WithReference(backtest).WithReference(reconciliation);
// The health watch probes the agent dispatcher too.
reconciliation.WithReference(agentDispatcher);
var services = new[]
{
    portfolio,
    risk,
    orders,
    marketData,
    strategies,
    backtest,
    derivatives,
    reconciliation,
    agentDispatcher,
};

// The gateway is the single origin of the UI and every API. Gateway:Port (default 8080) fixes its URL;
// 0 lets the orchestrator pick a free port (the whole-system tests do this).
var gatewayPort = builder.Configuration.GetValue("Gateway:Port", 8080);
IResourceBuilder<ProjectResource> gateway = builder.AddProject<Projects.AqTrading_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: gatewayPort == 0 ? null : gatewayPort, name: "http")
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithTelemetryToDashboardOnly();
foreach (var service in services)
{
    gateway.WithReference(service);
    Authentication(service);
}

Authentication(gateway);
// Live updates: the gateway relays Redis pub/sub channels to browsers over SignalR (/hubs/live).
gateway.WithReference(redis).WaitFor(redis);
gateway.WithEnvironment("Auth__Users__admin__PasswordHash", adminPasswordHash);
gateway.WithEnvironment("Auth__Users__admin__Roles", Roles.Admin);

builder.Build().Run();
