namespace AqTrading.Security;

/// <summary>
/// The <c>Auth</c> configuration section. With only <see cref="SigningKey"/> the platform is its own issuer: the gateway
/// signs tokens for the users configured here. With <see cref="Authority"/> (and <see cref="Audience"/>) user tokens
/// come from an OpenID Connect identity provider instead; the signing key then only signs service-to-service tokens.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The local issuer and audience of user tokens the gateway signs.</summary>
    public const string LocalIssuer = "aq-trading";
    public const string LocalAudience = "aq-trading";
    /// <summary>The issuer of the tokens services send each other.</summary>
    public const string ServiceIssuer = "aq-trading-services";
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>HMAC-SHA256 key shared by the gateway and every service; at least 32 bytes (UTF-8).</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority (e.g. https://login.example.com/realms/aq); switches user tokens to it.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience user tokens from <see cref="Authority"/> must carry.</summary>
    public string? Audience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding role names (identity providers differ: <c>role</c>, <c>roles</c>, <c>groups</c>).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim holding the user's name (<c>preferred_username</c> at many identity providers).</summary>
    public string NameClaim { get; set; } = "name";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Local users: <c>Auth:Users:&lt;name&gt;:PasswordHash</c> (see <see cref="PasswordHashes"/>) and <c>Roles</c>.</summary>
    public Dictionary<string, AuthUser> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);

    public byte[] SigningKeyBytes() => System.Text.Encoding.UTF8.GetBytes(SigningKey ?? "");

    /// <summary>Why this configuration cannot run, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(SigningKey) || SigningKeyBytes().Length < MinimumSigningKeyBytes)
        {
            return $"Auth:SigningKey must be set to at least {MinimumSigningKeyBytes} bytes (it signs and validates tokens; "
                   + "the AppHost generates one, a deployment takes it from a Secret).";
        }

        if (UsesAuthority && string.IsNullOrWhiteSpace(Audience))
        {
            return "Auth:Audience must be set with Auth:Authority (the audience the identity provider's tokens carry).";
        }

        return null;
    }
}

public sealed class AuthUser
{
    /// <summary>A hash from <see cref="PasswordHashes.Hash"/>; never a password.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Comma-separated role names: <c>viewer</c>, <c>trader</c>, <c>admin</c>.</summary>
    public string? Roles { get; set; }
}
