using AqTrading.Orders.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Orders;

public static class OrdersServices
{
    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<OrdersDbContext>(service: "orders", area: "orders", database: "ordersdb");
        return builder;
    }
}
