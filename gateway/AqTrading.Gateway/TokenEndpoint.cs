using AqTrading.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AqTrading.Gateway;

public sealed record TokenRequest(string? Username, string? Password);

/// <summary>The OAuth-style answer: <c>{access_token, token_type, expires_in, roles}</c>.</summary>
public sealed record TokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("roles")] IReadOnlyList<string> Roles);

/// <summary>
/// <c>POST /api/auth/token</c>: signs in a user configured under <c>Auth:Users</c> (password checked against its
/// PBKDF2 hash) and returns a token signed with <c>Auth:SigningKey</c>. With an OpenID Connect authority configured,
/// users sign in there instead and this endpoint says so.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/api/auth/token";

    public static void Map(WebApplication app) =>
        app.MapPost(Path, Issue).WithName("auth-token").WithSummary("Signs in with a user name and password; returns a bearer token.");

    private static Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult> Issue(TokenRequest? request,
        IOptionsMonitor<AuthOptions> options, TokenIssuer issuer, ILoggerFactory loggers, AuthAuditQueue audit, HttpContext http, TimeProvider time)
    {
        var auth = options.CurrentValue;
        if (auth.UsesAuthority)
        {
            return TypedResults.Problem($"Sign in at the identity provider ({auth.Authority}); this platform does not issue user tokens.",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (string.IsNullOrWhiteSpace(request?.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["username"] = string.IsNullOrWhiteSpace(request?.Username) ? ["A user name is required."] : [],
                ["password"] = string.IsNullOrEmpty(request?.Password) ? ["A password is required."] : [],
            }.Where(e => e.Value.Length > 0).ToDictionary());
        }

        var user = auth.Users.GetValueOrDefault(request.Username.Trim());
        // An unknown user is checked against a dummy hash: the answer takes as long as a wrong password.
        var roles = Roles.ParseList(user?.Roles);
        if (!PasswordHashes.Verify(user?.PasswordHash, request.Password) || roles.Count == 0)
        {
            loggers.CreateLogger("AqTrading.Gateway.SignIn").LogWarning("Sign-in refused for {User}", request.Username.Trim());
            audit.Record("auth.failed", request.Username.Trim().ToLowerInvariant(), http, time);
            return TypedResults.Problem("The user name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign-in refused");
        }

        var token = issuer.IssueUserToken(request.Username.Trim().ToLowerInvariant(), roles);
        audit.Record("auth.login", request.Username.Trim().ToLowerInvariant(), http, time);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, "Bearer", token.ExpiresIn, token.Roles));
    }
}
