using System.Text.RegularExpressions;

namespace AqTrading.MarketData.Core.Instruments;

/// <summary>
/// A futures symbol in the CME style: root, month code and year — <c>ESZ6</c> or <c>ESZ26</c> is the December 2026
/// E-mini S&amp;P 500. Month codes: F Jan, G Feb, H Mar, J Apr, K May, M Jun, N Jul, Q Aug, U Sep, V Oct, X Nov, Z Dec.
/// </summary>
public sealed partial record FutureSymbol(string Root, int Year, int Month)
{
    public const string MonthCodes = "FGHJKMNQUVXZ";

    public char MonthCode => MonthCodes[Month - 1];

    /// <summary>The canonical form with a two-digit year (<c>ESZ26</c>).</summary>
    public string Canonical => $"{Root}{MonthCode}{Year % 100:D2}";

    /// <summary>
    /// The default last trading day when none is given: the third Friday of the contract month, the rule of the CME
    /// equity-index futures (ES, NQ, RTY, YM). Other products differ (CL stops trading the month before): give their
    /// expiry explicitly.
    /// </summary>
    public DateOnly ThirdFriday
    {
        get
        {
            var first = new DateOnly(Year, Month, 1);
            var firstFriday = first.AddDays(((int)DayOfWeek.Friday - (int)first.DayOfWeek + 7) % 7);
            return firstFriday.AddDays(14);
        }
    }

    /// <summary>
    /// Parses <paramref name="text"/>. A one-digit year is the year with that last digit in the ten years starting the
    /// year before <paramref name="today"/>'s (in 2026: 5 → 2025, 6 → 2026, 4 → 2034); a two-digit year is 20yy.
    /// </summary>
    public static bool TryParse(string? text, DateOnly today, out FutureSymbol? symbol)
    {
        symbol = null;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim().ToUpperInvariant());
        if (!match.Success)
        {
            return false;
        }

        var digits = match.Groups["year"].Value;
        int year;
        if (digits.Length == 2)
        {
            year = 2000 + int.Parse(digits);
        }
        else
        {
            var first = today.Year - 1;
            year = first + ((int.Parse(digits) - first % 10) % 10 + 10) % 10;
        }

        symbol = new FutureSymbol(match.Groups["root"].Value, year, MonthCodes.IndexOf(match.Groups["month"].Value[0]) + 1);
        return true;
    }

    [GeneratedRegex(@"^(?<root>[A-Z][A-Z0-9]{0,3}?)(?<month>[FGHJKMNQUVXZ])(?<year>\d{1,2})$")]
    private static partial Regex Pattern();
}

/// <summary>Contract specifications of a few common US futures, used as defaults when a registration omits them.</summary>
public static class FutureSpecs
{
    public sealed record Spec(decimal Multiplier, decimal TickSize, string Exchange);

    private static readonly Dictionary<string, Spec> Known = new()
    {
        ["ES"] = new(50m, 0.25m, "CME"),
        ["MES"] = new(5m, 0.25m, "CME"),
        ["NQ"] = new(20m, 0.25m, "CME"),
        ["MNQ"] = new(2m, 0.25m, "CME"),
        ["RTY"] = new(50m, 0.1m, "CME"),
        ["YM"] = new(5m, 1m, "CBOT"),
        ["ZN"] = new(1000m, 0.015625m, "CBOT"),
        ["CL"] = new(1000m, 0.01m, "NYMEX"),
        ["GC"] = new(100m, 0.1m, "COMEX"),
    };

    public static Spec? For(string root) => Known.GetValueOrDefault(root.ToUpperInvariant());
}
