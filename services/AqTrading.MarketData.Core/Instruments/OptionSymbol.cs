using System.Globalization;
using System.Text.RegularExpressions;

namespace AqTrading.MarketData.Core.Instruments;

/// <summary>
/// An OCC option symbol (OSI, Options Clearing Corporation 2010): root padded to six characters, expiry <c>yyMMdd</c>,
/// <c>C</c> or <c>P</c>, strike × 1000 in eight digits — <c>AAPL  240119C00190000</c> is the AAPL 190 call of
/// 2024-01-19. The compact form without the padding (<c>AAPL240119C00190000</c>) is what we store as the symbol,
/// because symbols carry no spaces.
/// </summary>
public sealed partial record OptionSymbol(string Underlying, DateOnly Expiry, string Right, decimal Strike)
{
    public const string Call = "call";
    public const string Put = "put";

    /// <summary>The 21-character OSI form, root padded with spaces.</summary>
    public string Osi => $"{Underlying,-6}{Tail}";

    /// <summary>The form without padding, our stored symbol.</summary>
    public string Compact => Underlying + Tail;

    private string Tail => $"{Expiry:yyMMdd}{(Right == Call ? 'C' : 'P')}{decimal.ToInt64(Strike * 1000):D8}";

    /// <summary>Parses either form; the error says what is wrong when the text has the shape but not valid terms.</summary>
    public static bool TryParse(string? text, out OptionSymbol? symbol, out string? error)
    {
        symbol = null;
        error = null;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim().ToUpperInvariant());
        if (!match.Success)
        {
            error = "An OCC option symbol is a root of 1 to 6 characters, the expiry as yyMMdd, C or P and the strike × 1000 in 8 digits, e.g. AAPL240119C00190000.";
            return false;
        }

        if (!DateOnly.TryParseExact(match.Groups["expiry"].Value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
        {
            error = $"The expiry {match.Groups["expiry"].Value} in the option symbol is not a date (yyMMdd).";
            return false;
        }

        var strike = long.Parse(match.Groups["strike"].Value, CultureInfo.InvariantCulture) / 1000m;
        if (strike <= 0)
        {
            error = "The strike in the option symbol must be positive.";
            return false;
        }

        symbol = new OptionSymbol(match.Groups["root"].Value, expiry, match.Groups["right"].Value == "C" ? Call : Put, strike);
        return true;
    }

    public static OptionSymbol Parse(string text) =>
        TryParse(text, out var symbol, out var error) ? symbol! : throw new FormatException(error);

    // Roots are letters and digits (adjusted options add a digit: AAPL1); OSI pads them to six with spaces.
    [GeneratedRegex(@"^(?<root>[A-Z][A-Z0-9.]{0,5}) *(?<expiry>\d{6})(?<right>[CP])(?<strike>\d{8})$")]
    private static partial Regex Pattern();
}
