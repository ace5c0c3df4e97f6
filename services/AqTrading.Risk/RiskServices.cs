using AqTrading.Risk.Bias;
using AqTrading.Risk.Data;
using AqTrading.Risk.TradingState;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Risk;

public static class RiskServices
{
    public static IHostApplicationBuilder AddRiskServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<RiskDbContext>(service: "risk", area: "risk", database: "riskdb");
        builder.Services.AddScoped<TradingStateStore>();
        builder.Services.AddSingleton<RiskBiasMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RiskBiasMonitor>());
        return builder;
    }
}
