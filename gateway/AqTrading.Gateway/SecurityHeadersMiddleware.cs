namespace AqTrading.Gateway;

/// <summary>
/// Browser hardening on every answer. The CSP fits the built Vite app: scripts and styles only from this origin (React
/// sets styles through the DOM, which CSP allows; 'unsafe-inline' for styles covers SVG style attributes), API calls
/// and hub WebSockets to this origin, no plugins, no framing.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!AqTrading.Security.AccessPolicy.Governs(context.Request.Path))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        return next(context);
    }
}
