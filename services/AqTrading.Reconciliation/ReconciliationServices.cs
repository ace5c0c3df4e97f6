using AqTrading.Reconciliation.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Reconciliation;

public static class ReconciliationServices
{
    public static IHostApplicationBuilder AddReconciliationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<ReconciliationDbContext>(service: "reconciliation", area: "reconciliation", database: "reconciliationdb");
        return builder;
    }
}
