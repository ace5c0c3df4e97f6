using AqTrading.ServicePlatform.Hosting;
using AqTrading.Strategies.Data;
using AqTrading.Strategies.Fills;
using AqTrading.Strategies.Running;
using Microsoft.Extensions.Options;

namespace AqTrading.Strategies;

public static class StrategiesServices
{
    public static IHostApplicationBuilder AddStrategiesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<StrategiesDbContext>(service: "strategies", area: "strategies", database: "strategiesdb",
            consumers: bus => bus.AddConsumer<OrderFilledConsumer>());

        builder.Services.AddOptions<RunnerOptions>().BindConfiguration("Strategies:Runner");
        // The standard resilience handler (ServiceDefaults) retries transient failures; the orders client sets the
        // Idempotency-Key on the request message itself, so every retry carries the same key.
        builder.Services.AddHttpClient(RunnerDependencies.MarketDataClientName,
            (services, client) => client.BaseAddress = services.GetRequiredService<IOptions<RunnerOptions>>().Value.MarketDataUrl);
        builder.Services.AddHttpClient(RunnerDependencies.OrdersClientName,
            (services, client) => client.BaseAddress = services.GetRequiredService<IOptions<RunnerOptions>>().Value.OrdersUrl);

        builder.Services.AddSingleton<Registry.IStrategyFactory, Registry.BuiltInStrategyFactory>();
        builder.Services.AddSingleton<RunnerDependencies>();
        // After the platform's migrator (hosted services start in registration order): seeds, then starts the enabled.
        builder.Services.AddSingleton<StrategyRunnerHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StrategyRunnerHost>());
        return builder;
    }
}
