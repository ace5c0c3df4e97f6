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
