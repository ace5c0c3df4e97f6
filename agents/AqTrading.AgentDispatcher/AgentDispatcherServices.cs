using AqTrading.AgentDispatcher.Data;
using AqTrading.AgentDispatcher.Runs;
using AqTrading.AgentDispatcher.Sandbox;
using AqTrading.AgentDispatcher.Schedules;
using AqTrading.AgentDispatcher.Tools;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.Extensions.Options;

namespace AqTrading.AgentDispatcher;

public static class AgentDispatcherServices
{
    public static IHostApplicationBuilder AddAgentDispatcherServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<AgentsDbContext>(service: "agent-dispatcher", area: "agents", database: "agentsdb");
        builder.Services.AddOptions<AgentsOptions>().BindConfiguration(AgentsOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);

        // The peers the tools read from (service discovery names; the platform's handler adds the service token).
        void Peer(string name, Func<AgentsOptions, string> url) =>
            builder.Services.AddHttpClient(name, (services, client) =>
            {
                client.BaseAddress = new Uri(url(services.GetRequiredService<IOptions<AgentsOptions>>().Value));
                client.Timeout = TimeSpan.FromSeconds(30);
            });
        Peer(ToolExecutor.MarketDataClient, o => o.MarketDataUrl);
        Peer(ToolExecutor.PortfolioClient, o => o.PortfolioUrl);
        Peer(ToolExecutor.BacktestClient, o => o.BacktestUrl);
        Peer(ToolExecutor.ReconciliationClient, o => o.ReconciliationUrl);

        builder.Services.AddSingleton<WorkerSandbox>();
        builder.Services.AddSingleton<ToolExecutor>();
        builder.Services.AddSingleton<AgentRunner>();
        builder.Services.AddSingleton<AgentRunStore>();
        builder.Services.AddSingleton<AgentRunQueue>();
        builder.Services.AddHostedService<AgentRunProcessor>();
        builder.Services.AddHostedService<AgentScheduler>();
        return builder;
    }
}
