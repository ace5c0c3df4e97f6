namespace AqTrading.MarketData.Core.Bars;

/// <summary>The bar resolutions market data stores and serves, as the API and the Redis channels spell them.</summary>
public static class Resolutions
{
    public const string Minute = "1m";
    public const string Day = "1d";

    public static readonly IReadOnlyList<string> All = [Minute, Day];

    /// <summary>Accepts our spelling and LEAN's (<c>minute</c>, <c>daily</c>); null when neither.</summary>
    public static string? Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "1m" or "minute" => Minute,
        "1d" or "daily" or "day" => Day,
        _ => null,
    };

    /// <summary>
    /// The period [start, end) containing <paramref name="time"/>: whole UTC minutes (New York's offsets are whole
    /// hours, so they are New York minutes too), or the New York calendar day.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) PeriodOf(string resolution, DateTimeOffset time)
    {
        time = time.ToUniversalTime();
        switch (resolution)
        {
            case Minute:
                var start = new DateTimeOffset(time.Ticks - time.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
                return (start, start.AddMinutes(1));
            case Day:
                var day = ExchangeTime.TradingDay(time);
                return (ExchangeTime.DayStart(day), ExchangeTime.DayStart(day.AddDays(1)));
            default:
                throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Resolution must be 1m or 1d.");
        }
    }

    /// <summary>The end of the bar that starts at <paramref name="start"/>.</summary>
    public static DateTimeOffset EndOf(string resolution, DateTimeOffset start) => PeriodOf(resolution, start).End;

    /// <summary>True when <paramref name="start"/> is the first instant of its period.</summary>
    public static bool IsPeriodStart(string resolution, DateTimeOffset start) => PeriodOf(resolution, start).Start == start;
}
