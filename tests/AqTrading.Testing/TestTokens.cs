using AqTrading.Security;

namespace AqTrading.Testing;

/// <summary>
/// Tokens for tests that call a service directly: <see cref="ServiceFactory{TEntryPoint}"/> gives the service
/// <see cref="SigningKey"/> (a test-only key, never used outside tests), and these tokens are signed with it.
/// </summary>
public static class TestTokens
{
    public const string SigningKey = "test-only-signing-key-0123456789abcdef";

    public static string For(string role, string? signingKey = null, TimeProvider? clock = null, TimeSpan? lifetime = null)
    {
        var auth = new AuthOptions { SigningKey = signingKey ?? SigningKey, TokenLifetime = lifetime ?? TimeSpan.FromHours(1) };
        return TokenIssuer.Create(auth, clock).IssueUserToken($"test-{role}", [role]).AccessToken;
    }

    /// <summary>A token that expired an hour ago.</summary>
    public static string Expired(string role, string? signingKey = null) =>
        For(role, signingKey, new PastClock(DateTimeOffset.UtcNow.AddHours(-2)), TimeSpan.FromMinutes(5));

    /// <summary>A well-formed token signed with a key the platform does not know.</summary>
    public static string Forged(string role) => For(role, "a-forger-s-own-key-that-nobody-configured-0123");

    private sealed class PastClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
