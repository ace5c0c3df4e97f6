using AqTrading.Backtest.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Backtest;

public static class BacktestServices
{
    public static IHostApplicationBuilder AddBacktestServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<BacktestDbContext>(service: "backtest", area: "backtest", database: "backtestdb");
        return builder;
    }
}
