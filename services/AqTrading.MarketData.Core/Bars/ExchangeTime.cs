namespace AqTrading.MarketData.Core.Bars;

/// <summary>
/// US exchange time (America/New_York). Storage is UTC; a trading day is a New York calendar date, and a daily bar
/// covers that date from 00:00 to the next 00:00 New York time (23 or 25 hours on the daylight-saving change days).
/// </summary>
public static class ExchangeTime
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The New York calendar date an instant falls on.</summary>
    public static DateOnly TradingDay(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, NewYork).DateTime);

    /// <summary>00:00 New York time of <paramref name="day"/>, in UTC.</summary>
    public static DateTimeOffset DayStart(DateOnly day) => FromExchangeLocal(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// A New York wall-clock time as a UTC instant. A time skipped by the spring-forward change does not exist and is
    /// taken one hour later; a repeated autumn hour is taken at its first (daylight) occurrence. Neither occurs inside
    /// regular US trading hours.
    /// </summary>
    public static DateTimeOffset FromExchangeLocal(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (NewYork.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = NewYork.IsAmbiguousTime(local) ? NewYork.GetAmbiguousTimeOffsets(local).Max() : NewYork.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
