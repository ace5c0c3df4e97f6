using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AqTrading.Security;

/// <param name="ExpiresIn">Seconds until the token expires.</param>
public sealed record IssuedToken(string AccessToken, int ExpiresIn, IReadOnlyList<string> Roles);

/// <summary>Signs tokens with <c>Auth:SigningKey</c> (HMAC-SHA256): user tokens at sign-in, and service tokens.</summary>
public sealed class TokenIssuer(IOptionsMonitor<AuthOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ServiceTokenLifetime = TimeSpan.FromHours(1);
    private readonly JsonWebTokenHandler _handler = new();
    private (string Service, string Token, DateTimeOffset RenewAt)? _serviceToken;
    private readonly Lock _gate = new();

    public IssuedToken IssueUserToken(string user, IReadOnlyList<string> roles) =>
        new(Create(AuthOptions.LocalIssuer, user, roles, options.CurrentValue.TokenLifetime),
            (int)options.CurrentValue.TokenLifetime.TotalSeconds, roles);

    /// <summary>The token a service sends its peers: subject <c>service:{name}</c>, role admin; renewed at half life.</summary>
    public string ServiceToken(string service)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_serviceToken is not { } cached || cached.Service != service || cached.RenewAt <= now)
            {
                cached = (service, Create(AuthOptions.ServiceIssuer, $"service:{service}", [Roles.Admin], ServiceTokenLifetime),
                    now + ServiceTokenLifetime / 2);
                _serviceToken = cached;
            }

            return cached.Token;
        }
    }

    private string Create(string issuer, string subject, IReadOnlyList<string> roles, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = AuthOptions.LocalAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                ["name"] = subject,
                ["role"] = roles.ToArray(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(SigningKey(options.CurrentValue), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An issuer outside dependency injection (tools, tests): fixed settings, any clock.</summary>
    public static TokenIssuer Create(AuthOptions auth, TimeProvider? time = null) => new(new FixedOptions(auth), time ?? TimeProvider.System);

    private sealed class FixedOptions(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;
        public AuthOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions auth) =>
        auth.Problem() is { } problem && !auth.UsesAuthority ? throw new InvalidOperationException(problem)
            : new SymmetricSecurityKey(auth.SigningKeyBytes()) { KeyId = "aq-trading" };
}
