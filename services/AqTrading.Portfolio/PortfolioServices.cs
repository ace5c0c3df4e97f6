using AqTrading.Portfolio.Accounts;
using AqTrading.Portfolio.Data;
using AqTrading.Portfolio.Fills;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Inbox;

namespace AqTrading.Portfolio;

public static class PortfolioServices
{
    public static IHostApplicationBuilder AddPortfolioServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<PortfolioDbContext>(service: "portfolio", area: "portfolio", database: "portfoliodb",
            consumers: bus => bus.AddIdempotentBatchConsumer<OrderFilledConsumer>());
        builder.Services.AddOptions<PaperAccountOptions>().BindConfiguration("Portfolio:PaperAccount");
        // After the platform's migrator (hosted services start in registration order).
        builder.Services.AddHostedService<PaperAccountSeeder>();
        builder.Services.AddScoped<Books.AccountValuator>();
        builder.Services.AddOptions<Books.EquityWatermarkOptions>().BindConfiguration("Portfolio:Watermarks");
        builder.Services.AddHostedService<Books.EquityWatermarkSampler>();
        // Live updates: the account summary on Redis portfolio:updates after each booked fill and when marks move it.
        builder.Services.AddOptions<Books.AccountUpdatesOptions>().BindConfiguration("Portfolio:AccountUpdates");
        Books.AccountUpdates.Register(builder.Services);
        return builder;
    }
}
