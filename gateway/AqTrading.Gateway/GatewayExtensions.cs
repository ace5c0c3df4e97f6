namespace AqTrading.Gateway;

/// <summary>
/// The single origin of the platform: YARP routes <c>/api/{area}</c> to each service (destinations resolved by
/// service discovery, e.g. <c>http://orders</c>) and everything else is the web UI with SPA fallback.
/// </summary>
public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapReverseProxy();

        // An /api path no route claims is a client error, never the UI's index.html.
        app.Map("/api/{**rest}", (HttpContext context) => TypedResults.Problem(
            $"No API answers {context.Request.Path}. Areas: /api/portfolio, /api/risk, /api/greeks, /api/orders, "
            + "/api/market, /api/strategies, /api/backtest, /api/derivatives, /api/reconciliation, /api/agents.",
            statusCode: StatusCodes.Status404NotFound, title: "Not found"));

        // The built UI: precompressed, fingerprinted assets when the build produced a manifest.
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        if (File.Exists(manifest))
        {
            app.MapStaticAssets();
        }
        else
        {
            app.UseStaticFiles();
        }

        app.MapFallbackToFile("index.html");
        return app;
    }
}
