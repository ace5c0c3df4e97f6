using AqTrading.Reconciliation.Alerts;
using AqTrading.Reconciliation.Audit;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Health;
using AqTrading.Reconciliation.Operations;
using AqTrading.Reconciliation.Runs;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Inbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AqTrading.Reconciliation;

/// <summary>The operations service: reconciliation, alerts and the audit trail.</summary>
public static class ReconciliationServices
{
    public static IHostApplicationBuilder AddReconciliationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<ReconciliationDbContext>(service: "reconciliation", area: "reconciliation", database: "reconciliationdb",
            consumers: bus =>
            {
                bus.AddIdempotentBatchConsumer<OrderFilledConsumer>();
                bus.AddConsumer<PositionChangedConsumer>();
                bus.AddIdempotentBatchConsumer<OrderCompletedConsumer>();
                bus.AddConsumer<TradingStateChangedConsumer>();
                bus.AddConsumer<KillSwitchEngagedConsumer>();
                bus.AddConsumer<RiskLimitsChangedConsumer>();
                bus.AddConsumer<ConfigurationChangedConsumer>();
                bus.AddConsumer<AgentRedisWriteConsumer>();
                bus.AddConsumer<ContractExpiringConsumer>();
            });

        builder.Services.AddOptions<ReconciliationOptions>().BindConfiguration("Reconciliation");
        builder.Services.AddHttpClient(BookSources.PortfolioClient, c => c.BaseAddress = new Uri(builder.Configuration["Reconciliation:PortfolioUrl"] ?? "http://portfolio"));
        builder.Services.AddHttpClient(BookSources.OrdersClient, c => c.BaseAddress = new Uri(builder.Configuration["Reconciliation:OrdersUrl"] ?? "http://orders"));
        builder.Services.AddHttpClient(TradingGuard.RiskClient, c => c.BaseAddress = new Uri(builder.Configuration["Reconciliation:RiskUrl"] ?? "http://risk"));
        builder.Services.AddSingleton<RunGate>();
        builder.Services.AddSingleton<FillSignal>();
        builder.Services.AddScoped<BookSources>();
        builder.Services.AddScoped<TradingGuard>();
        builder.Services.AddScoped<Reconciler>();
        builder.Services.AddHostedService<ReconciliationScheduler>();

        builder.Services.AddScoped<AuditLog>();

        builder.Services.AddOptions<AlertOptions>().BindConfiguration("Alerts");
        builder.Services.AddSingleton<AlertQueue>();
        builder.Services.AddScoped<AlertService>();
        // Every attempt is recorded and retried with the alert backoff, so the standard resilience handler's own retries go.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the defaults.
        builder.Services.AddHttpClient(AlertDeliveryWorker.WebhookClient).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddHostedService<AlertDeliveryWorker>();

        // The platform's health watch: a probe is one attempt within Health:Timeout (no retries: a failure is the news).
        builder.Services.AddOptions<HealthWatchOptions>().BindConfiguration("Health");
        builder.Services.AddSingleton<ComponentHealthBoard>();
        // A check without a timeout of its own (Redis queues a PING while it reconnects) fails at the probe timeout.
        builder.Services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IOptions<HealthWatchOptions>>((checks, watch) =>
        {
            foreach (var registration in checks.Registrations.Where(r => r.Timeout == Timeout.InfiniteTimeSpan))
            {
                registration.Timeout = watch.Value.Timeout;
            }
        });
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(ComponentWatcher.ProbeClient).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddHostedService<ComponentWatcher>();
        return builder;
    }
}
