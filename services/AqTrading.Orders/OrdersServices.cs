using AqTrading.Orders.Brokers;
using AqTrading.Orders.Brokers.Alpaca;
using AqTrading.Orders.Brokers.Paper;
using AqTrading.Orders.Data;
using AqTrading.Orders.Lifecycle;
using AqTrading.Orders.Risk;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AqTrading.Orders;

public static class OrdersServices
{
    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<OrdersDbContext>(service: "orders", area: "orders", database: "ordersdb");

        builder.Services.AddOptions<PaperBrokerOptions>().BindConfiguration("Orders:PaperBroker");
        builder.Services.AddSingleton<PaperBroker>();
        // The broker per account: paper unless Orders:Brokers:Accounts names alpaca-paper or alpaca-live (Brokers/Alpaca).
        builder.AddBrokerSelection();
        builder.Services.AddHostedService(services => services.GetRequiredService<PaperBroker>());
        builder.Services.AddHostedService<BrokerEventPump>();
        builder.Services.AddHostedService<RiskConnectionWarmup>();

        builder.Services.AddScoped<OrderSubmission>();
        builder.Services.AddScoped<OrderCancellation>();
        builder.Services.AddScoped<BrokerEventBooking>();
        OrderUpdates.Register(builder.Services);
        builder.Services.AddScoped<KillSwitchActions>();
        builder.Services.AddScoped<Close.PositionClosing>();
        builder.Services.AddHostedService<Close.CloseRetryWorker>();
        builder.Services.AddHttpClient(KillSwitchActions.PortfolioClientName, client =>
            client.BaseAddress = new Uri(builder.Configuration["Orders:PortfolioUrl"] ?? "http://portfolio"));

        // Risk answers in microseconds; a slow or absent risk service must reject the order quickly (fail closed),
        // so this client gets a tight budget of its own instead of the platform's standard resilience.
        var attemptTimeout = builder.Configuration.GetValue("Orders:Risk:AttemptTimeout", TimeSpan.FromMilliseconds(250));
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the defaults.
        builder.Services.AddHttpClient<RiskClient>(client =>
                client.BaseAddress = new Uri(builder.Configuration["Orders:Risk:BaseUrl"] ?? "http://risk"))
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler("risk-budget", pipeline =>
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.Zero });
                pipeline.AddTimeout(attemptTimeout);
            });
#pragma warning restore EXTEXP0001
        return builder;
    }
}
