using AqTrading.Backtest.Data;
using AqTrading.Backtest.Jobs;
using AqTrading.Backtest.MarketData;
using AqTrading.Backtest.Runs;
using AqTrading.Backtest.Sweeps;
using AqTrading.Backtest.WalkForwards;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.Extensions.Options;

namespace AqTrading.Backtest;

public static class BacktestServices
{
    public static IHostApplicationBuilder AddBacktestServices(this IHostApplicationBuilder builder)
    {
        // One queue (backtest-backtest-job) for every replica: the platform names queues by service, and every replica
        // has the same service name, so they compete for jobs. Prefetch and concurrency both at Backtest:Concurrency
        // (default 1): a replica holds only the jobs it is working on, the rest wait for whichever replica is free.
        var concurrency = Math.Max(1, builder.Configuration.GetValue("Backtest:Concurrency", 1));
        builder.AddServicePlatform<BacktestDbContext>(service: "backtest", area: "backtest", database: "backtestdb",
            consumers: bus => bus.AddConsumer<BacktestJobConsumer>().Endpoint(endpoint =>
            {
                endpoint.PrefetchCount = concurrency;
                endpoint.ConcurrentMessageLimit = concurrency;
            }));

        builder.Services.AddOptions<BacktestOptions>().BindConfiguration("Backtest");
        builder.Services.AddHttpClient(MarketDataClient.ClientName,
            (services, client) => client.BaseAddress = services.GetRequiredService<IOptions<BacktestOptions>>().Value.MarketDataUrl);
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<ProgressPublisher>();
        builder.Services.AddSingleton<RunExecutor>();
        builder.Services.AddSingleton<WalkForwardRunner>();
        builder.Services.AddSingleton<SweepCollector>();
        builder.Services.AddSingleton<JobWorker>();
        return builder;
    }
}
