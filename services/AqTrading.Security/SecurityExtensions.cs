using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AqTrading.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// JWT bearer validation from the <c>Auth</c> section and the token issuer. With <paramref name="service"/>, every
    /// HttpClient of the process also sends that service's token to platform APIs.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformSecurity(this IHostApplicationBuilder builder, string? service = null)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        if (service is not null)
        {
            builder.Services.AddSingleton(new ServiceName(service));
            builder.Services.AddTransient<ServiceTokenHandler>();
            builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<ServiceTokenHandler>());
        }

        return builder;
    }

    /// <summary>
    /// Authentication, then <see cref="AccessPolicy"/> on every <c>/api</c> and <c>/hubs</c> request. Refuses to start
    /// without a usable <c>Auth:SigningKey</c>: a service that cannot validate tokens must not answer at all.
    /// </summary>
    public static WebApplication UsePlatformSecurity(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        app.UseAuthentication();
        app.UseMiddleware<AccessPolicyMiddleware>();
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => WarmUpAsync(app.Services)));
        return app;
    }

    /// <summary>
    /// Validates a few self-signed tokens once the server listens, so the first real requests do not pay for compiling
    /// and initialising the token path: on the hot path (orders → risk, 250 ms budget) a burst of cold validations
    /// on two busy cores was enough to miss the budget.
    /// </summary>
    private static async Task WarmUpAsync(IServiceProvider services)
    {
        try
        {
            var bearer = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
            var token = services.GetRequiredService<TokenIssuer>().IssueUserToken("warm-up", [Roles.Viewer]).AccessToken;
            var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
            for (var i = 0; i < 50; i++)
            {
                await handler.ValidateTokenAsync(token, bearer.TokenValidationParameters);
                _ = AccessPolicy.RequiredRole(HttpMethods.Post, "/api/orders");
            }
        }
        catch (Exception)
        {
            // Only a warm-up: the first real request will say what is wrong.
        }
    }

    private sealed class ConfigureJwtBearer(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
            {
                return;
            }

            var settings = auth.Value;
            // Claim names as the token has them (role, name, sub), not mapped to the long WS-* URIs.
            options.MapInboundClaims = false;
            var keys = settings.SigningKeyBytes().Length >= AuthOptions.MinimumSigningKeyBytes
                ? new[] { (SecurityKey)TokenIssuer.SigningKey(settings) }
                : [];
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                // With an authority, its issuer and signing keys (from its discovery document) are added to these:
                // users come from the identity provider, services still sign their own calls with the shared key.
                ValidIssuers = settings.UsesAuthority ? [AuthOptions.ServiceIssuer] : [AuthOptions.LocalIssuer, AuthOptions.ServiceIssuer],
                ValidAudiences = settings.UsesAuthority ? [settings.Audience!, AuthOptions.LocalAudience] : [AuthOptions.LocalAudience],
                IssuerSigningKeys = keys,
                RoleClaimType = settings.RoleClaim,
                NameClaimType = settings.NameClaim,
            };
            if (settings.UsesAuthority)
            {
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            }

            // Browsers cannot set headers on a WebSocket: hub connections may carry the token in the query string.
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ } token])
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);
    }
}
