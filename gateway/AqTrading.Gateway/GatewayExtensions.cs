using System.Threading.RateLimiting;
using AqTrading.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace AqTrading.Gateway;

/// <summary>
/// The single origin of the platform: YARP routes <c>/api/{area}</c> to each service (destinations resolved by
/// service discovery, e.g. <c>http://orders</c>) and everything else is the web UI with SPA fallback. Every
/// <c>/api</c> and <c>/hubs</c> request is authenticated (JWT bearer) and authorised by <see cref="AccessPolicy"/>,
/// rate-limited per user and size-limited before it is proxied; the services check the same token again.
/// </summary>
public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformSecurity();
        builder.AddAuthAudit();
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();

        // Every request body is limited; a route may raise its own limit (the market-data import, in appsettings.json).
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                }

                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new()
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Slow down and retry in a moment." },
                });
            };
            // Per user (or per client address before signing in), API and hub requests only: the UI's files are free.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!AccessPolicy.Governs(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("ui");
                }

                var signIn = context.Request.Path.StartsWithSegments(TokenEndpoint.Path);
                var who = context.User.Identity?.IsAuthenticated == true && !signIn
                    ? $"user:{context.User.Identity.Name}"
                    : $"{(signIn ? "sign-in" : "anonymous")}:{context.Connection.RemoteIpAddress}";
                return signIn
                    ? RateLimitPartition.GetFixedWindowLimiter(who, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.RateLimit.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    })
                    : RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
                    {
                        TokensPerPeriod = options.RateLimit.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        TokenLimit = Math.Max(options.RateLimit.Burst, options.RateLimit.PermitsPerSecond),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
        });

        // Live updates (/hubs/live): Redis pub/sub relayed to subscribed browsers over SignalR.
        builder.AddRedisClient("redis");
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<Live.RedisRelay>();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UsePlatformSecurity();
        app.UseRateLimiter();

        TokenEndpoint.Map(app);
        app.MapHub<Live.LiveHub>(Live.LiveHub.Path);
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

/// <summary>The <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The largest request body any route accepts unless the route sets its own (1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public RateLimitOptions RateLimit { get; set; } = new();
}

public sealed class RateLimitOptions
{
    /// <summary>Requests per second per user (token bucket); generous for people, configurable for load tests.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>How many requests a user may send at once above the steady rate.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Sign-in attempts per minute per client address: slows password guessing.</summary>
    public int SignInsPerMinute { get; set; } = 20;
}
