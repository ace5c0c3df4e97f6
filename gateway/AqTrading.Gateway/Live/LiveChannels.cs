using System.Text.RegularExpressions;

namespace AqTrading.Gateway.Live;

/// <summary>
/// The Redis pub/sub channels a browser may follow through <c>/hubs/live</c>; anything else is refused, so the hub
/// cannot be used to read arbitrary Redis traffic.
/// </summary>
public static partial class LiveChannels
{
    /// <summary>The fixed channels, and <c>quotes:*</c> (one per symbol, published by market-data).</summary>
    public static readonly string[] Fixed = ["backtest:progress", "orders:updates", "portfolio:updates", "greeks:updates"];

    public const string QuotesPattern = "quotes:*";

    /// <summary>The channel's canonical name (symbols upper case), or null when it is not one a client may follow.</summary>
    public static string? Normalise(string? channel)
    {
        if (string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        if (Fixed.Contains(channel, StringComparer.Ordinal))
        {
            return channel;
        }

        return QuoteChannel().IsMatch(channel) ? "quotes:" + channel["quotes:".Length..].ToUpperInvariant() : null;
    }

    // Equity, OCC option and futures symbols: letters, digits, '.', '-', '/', and spaces (OCC roots are padded).
    [GeneratedRegex("^quotes:[A-Za-z0-9./ -]{1,32}$")]
    private static partial Regex QuoteChannel();
}
