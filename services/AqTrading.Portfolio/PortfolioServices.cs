using AqTrading.Portfolio.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Portfolio;

public static class PortfolioServices
{
    public static IHostApplicationBuilder AddPortfolioServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<PortfolioDbContext>(service: "portfolio", area: "portfolio", database: "portfoliodb");
        builder.Services.AddSingleton<Marks.MarkReader>();
        return builder;
    }
}
