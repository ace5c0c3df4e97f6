using AqTrading.Risk.Bias;
using AqTrading.Risk.Checks;
using AqTrading.Risk.Rules;
using AqTrading.Risk.Data;
using AqTrading.Risk.Greeks;
using AqTrading.Risk.TradingState;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Risk;

public static class RiskServices
{
    public static IHostApplicationBuilder AddRiskServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<RiskDbContext>(service: "risk", area: "risk", database: "riskdb", consumers: bus =>
        {
            bus.AddConsumer<PositionChangedConsumer>();
            bus.AddConsumer<OrderCompletedConsumer>();
        });
        builder.Services.AddScoped<TradingStateStore>();
        builder.Services.AddSingleton<TradingStatusCache>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TradingStatusCache>());
        builder.Services.AddSingleton<ExposureLedger>();
        builder.Services.AddSingleton<LimitsCache>();
        builder.Services.AddSingleton<PreTradeCheck>();
        builder.Services.AddHttpClient(AccountSnapshots.HttpClientName, client =>
            client.BaseAddress = new Uri(builder.Configuration["Risk:PortfolioUrl"] ?? "http://portfolio"));
        builder.Services.AddSingleton<AccountSnapshots>();
        builder.Services.AddHostedService<AccountSnapshotRefresher>();
        builder.Services.AddScoped<KillSwitch>();
        builder.Services.AddHttpClient(KillSwitch.OrdersClientName, client =>
            client.BaseAddress = new Uri(builder.Configuration["Risk:OrdersUrl"] ?? "http://orders"));
        builder.Services.AddSingleton<RiskBiasMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RiskBiasMonitor>());
        builder.AddRiskGreeks();
        builder.Services.AddOptions<Degradation.DegradationOptions>().BindConfiguration("Risk:Degradation");
        builder.Services.AddSingleton<Degradation.DegradationMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Degradation.DegradationMonitor>());
        return builder;
    }
}
