namespace AqTrading.Derivatives.Pricing.Expiration;

/// <summary>How urgent an expiry is: ≤ 1 day critical, ≤ 3 days warning, else info (the seed's SEV1/2/3).</summary>
public enum ExpirySeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}

/// <summary>Trading dates and days to expiry on the New York calendar (US listed options and futures).</summary>
public static class ExpiryWindow
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The New York calendar date at <paramref name="instant"/> (what "today" is for expiries).</summary>
    public static DateOnly NewYorkDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, NewYork).DateTime);

    /// <summary>The instant of <paramref name="time"/> New York local time on <paramref name="date"/> (DST-aware).</summary>
    public static DateTimeOffset NewYorkInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local));
    }

    public static int DaysToExpiry(DateOnly expiry, DateOnly today) => expiry.DayNumber - today.DayNumber;

    public static ExpirySeverity SeverityOf(int daysToExpiry) => daysToExpiry switch
    {
        <= 1 => ExpirySeverity.Critical,
        <= 3 => ExpirySeverity.Warning,
        _ => ExpirySeverity.Info,
    };

    /// <summary>True when <paramref name="expiry"/> is within today … today + days, both inclusive.</summary>
    public static bool IsWithin(DateOnly expiry, DateOnly today, int days) => expiry >= today && expiry <= today.AddDays(days);
}

/// <summary>
/// The expiry warnings of a held contract (reference §8, the options expiration checker): thresholds of 0, 1, 3 and 7 days
/// to expiry (New York dates), every threshold at or above the days left applying — a position first seen 1 day before
/// expiry is warned for 1, 3 and 7 at once (catch-up), one expiring today for all four. An expired contract (negative days) has
/// no warnings. The operations service's alert severity follows the threshold: 0 and 1 → SEV1, 3 → SEV2, 7 → SEV3.
/// </summary>
public static class ExpiryWarnings
{
    public static readonly IReadOnlyList<int> Thresholds = [0, 1, 3, 7];

    public static IReadOnlyList<int> Due(int daysToExpiry) =>
        daysToExpiry < 0 ? [] : Thresholds.Where(t => t >= daysToExpiry).ToList();
}
