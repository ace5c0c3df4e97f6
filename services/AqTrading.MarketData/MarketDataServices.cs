using AqTrading.MarketData.Bars;
using AqTrading.MarketData.Core.Feed;
using AqTrading.MarketData.Data;
using AqTrading.MarketData.Feed;
using AqTrading.MarketData.Import;
using AqTrading.MarketData.Quotes;
using AqTrading.MarketData.Replay;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.MarketData;

public static class MarketDataServices
{
    public static IHostApplicationBuilder AddMarketDataServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<MarketDataDbContext>(service: "market-data", area: "market", database: "marketdatadb");
        builder.Services.AddOptions<QuoteOptions>().BindConfiguration("Quotes");
        builder.Services.AddSingleton<QuoteStore>();
        builder.Services.AddHostedService<QuoteRestorer>();

        builder.Services.AddSingleton<BarStore>();
        builder.Services.AddSingleton<BarPublisher>();
        builder.Services.AddOptions<BarOptions>().BindConfiguration("Bars");
        builder.Services.AddSingleton<LiveBars>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveBars>());
        builder.Services.AddSingleton<QuoteFanOut>();
        builder.Services.AddHostedService(services => services.GetRequiredService<QuoteFanOut>());

        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo");
        builder.Services.AddOptions<FeedOptions>().BindConfiguration("Feed")
            .Validate(o => o.TickInterval >= TimeSpan.FromMilliseconds(10), "Feed:TickInterval must be at least 10 ms.")
            .Validate(o => o.Symbols.All(s => !string.IsNullOrWhiteSpace(s.Symbol) && s.StartPrice > 0 && ScenarioNames.Parse(s.Scenario) is not null),
                $"Each Feed:Symbols entry needs a Symbol, a positive StartPrice and a Scenario of: {string.Join(", ", ScenarioNames.All)}.")
            .Validate(o => o.SeedHistoryMinutes is null or >= 0 and <= 10_080, "Feed:SeedHistoryMinutes must be 0 to 10080 (a week).")
            .ValidateOnStart();
        builder.Services.AddHostedService<SimulatedFeed>();

        builder.Services.AddOptions<ImportOptions>().BindConfiguration("Import");
        builder.Services.AddSingleton<BarImporter>();
        builder.Services.AddSingleton<Replayer>();
        return builder;
    }
}
