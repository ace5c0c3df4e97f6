using AqTrading.AgentDispatcher.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.AgentDispatcher;

public static class AgentDispatcherServices
{
    public static IHostApplicationBuilder AddAgentDispatcherServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<AgentsDbContext>(service: "agent-dispatcher", area: "agents", database: "agentsdb");
        return builder;
    }
}
