using System.Net.Http.Headers;

namespace AqTrading.Security;

/// <summary>
/// Gives every call a service makes to a platform API (<c>/api/{area}</c> of <see cref="AccessPolicy.PlatformAreas"/>)
/// the service's own token, unless the request already carries one; calls to anything else (a broker, a data vendor)
/// never see it.
/// </summary>
internal sealed class ServiceTokenHandler(TokenIssuer issuer, ServiceName service) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && IsPlatformApi(request.RequestUri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.ServiceToken(service.Name));
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsPlatformApi(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "api" && AccessPolicy.PlatformAreas.Contains(segments[1]);
    }
}

internal sealed record ServiceName(string Name);
