using AqTrading.Risk.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Risk;

public static class RiskServices
{
    public static IHostApplicationBuilder AddRiskServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<RiskDbContext>(service: "risk", area: "risk", database: "riskdb");
        return builder;
    }
}
