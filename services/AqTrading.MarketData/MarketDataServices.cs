using AqTrading.MarketData.Data;
using AqTrading.MarketData.Quotes;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.MarketData;

public static class MarketDataServices
{
    public static IHostApplicationBuilder AddMarketDataServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<MarketDataDbContext>(service: "market-data", area: "market", database: "marketdatadb");
        builder.Services.AddOptions<QuoteOptions>().BindConfiguration("Quotes");
        builder.Services.AddSingleton<QuoteStore>();
        return builder;
    }
}
