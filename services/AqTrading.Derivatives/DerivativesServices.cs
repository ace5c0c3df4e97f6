using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Data;
using AqTrading.ServicePlatform.Hosting;

namespace AqTrading.Derivatives;

public static class DerivativesServices
{
    public static IHostApplicationBuilder AddDerivativesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServicePlatform<DerivativesDbContext>(service: "derivatives", area: "derivatives", database: "derivativesdb",
            consumers: bus => bus.AddConsumer<InstrumentRegisteredConsumer>());
        return builder;
    }
}
