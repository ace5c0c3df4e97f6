using AqTrading.ServicePlatform.Hosting;
using AqTrading.Strategies.Data;

namespace AqTrading.Strategies;

public static class StrategiesServices
{
    public static IHostApplicationBuilder AddStrategiesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<StrategiesDbContext>(service: "strategies", area: "strategies", database: "strategiesdb");
        return builder;
    }
}
