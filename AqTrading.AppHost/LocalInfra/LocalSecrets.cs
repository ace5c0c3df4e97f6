using System.Security.Cryptography;

namespace AqTrading.AppHost.LocalInfra;

/// <summary>
/// Secrets for the local servers, generated once per data folder and kept beside the data (mode 600), so a
/// server initialised with a password keeps working across runs and no password lives in the repository.
/// </summary>
public static class LocalSecrets
{
    public static string GetOrCreate(string dataRoot, string name)
    {
        var path = Path.Combine(dataRoot, $".{name}");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }
}
