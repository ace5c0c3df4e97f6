using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Derivatives;

public static class DerivativesServices
{
    public static IHostApplicationBuilder AddDerivativesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<DerivativesDbContext>(service: "derivatives", area: "derivatives", database: "derivativesdb",
            consumers: bus =>
            {
                bus.AddConsumer<InstrumentRegisteredConsumer>();
                bus.AddConsumer<InstrumentUpdatedConsumer>();
                bus.AddConsumer<InstrumentRemovedConsumer>();
            });
        builder.Services.AddOptions<DerivativesOptions>().BindConfiguration(DerivativesOptions.Section);
        builder.Services.AddHttpClient<Peers.PortfolioClient>(client => client.BaseAddress = new Uri("http://portfolio"));
        builder.Services.AddHttpClient<Peers.OrdersClient>(client => client.BaseAddress = new Uri("http://orders"));
        builder.Services.AddScoped<Roll.FuturesRoller>();
        builder.Services.AddScoped<Expirations.ExpirationProcessor>();
        builder.Services.AddHostedService<Expirations.ExpirationWorker>();
        builder.Services.AddSingleton<Expirations.ExpiryWarner>();
        builder.Services.AddHostedService<Expirations.ExpiryWarningWorker>();
        return builder;
    }
}
