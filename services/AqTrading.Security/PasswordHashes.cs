using System.Security.Cryptography;

namespace AqTrading.Security;

/// <summary>
/// PBKDF2-HMAC-SHA512 with a random 16-byte salt per password and 100,000 iterations (what ASP.NET Core Identity's
/// PasswordHasher v3 uses), stored as <c>pbkdf2-sha512$100000$&lt;salt base64&gt;$&lt;key base64&gt;</c>.
/// </summary>
public static class PasswordHashes
{
    private const string Scheme = "pbkdf2-sha512";
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    // Verified against when the user does not exist, so an unknown name costs as much time as a wrong password.
    private static readonly Lazy<string> Dummy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, KeyBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}";
    }

    /// <summary>Whether the password matches the hash; false for a malformed or missing hash.</summary>
    public static bool Verify(string? hash, string password)
    {
        var parts = (hash ?? Dummy.Value).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 10_000)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected) && hash is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
