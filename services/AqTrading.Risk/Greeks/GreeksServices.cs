namespace AqTrading.Risk.Greeks;

public static class GreeksServices
{
    /// <summary>Position Greeks, their limits, alerts and history, and the pre-trade Greeks gate (options <c>Risk:Greeks</c>).</summary>
    public static IHostApplicationBuilder AddRiskGreeks(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<GreeksOptions>(builder.Configuration.GetSection(GreeksOptions.Section));
        builder.Services.AddSingleton<GreeksBook>();
        builder.Services.AddSingleton<GreeksLimitsCache>();
        builder.Services.AddSingleton<GreeksGuard>();
        builder.Services.AddSingleton<GreeksMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GreeksMonitor>());
        return builder;
    }
}
