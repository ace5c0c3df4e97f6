using System.Globalization;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;

namespace AqTrading.MarketData.Core.Import;

/// <summary>
/// Reads LEAN's equity trade bars (QuantConnect LEAN data format). Prices are integers in 1/10,000 of a dollar.
/// <list type="bullet">
/// <item>daily: <c>yyyyMMdd HH:mm,open,high,low,close,volume</c>, one whole trading day per line (the time is 00:00);
/// stored as 00:00–24:00 New York time of that day, in UTC;</item>
/// <item>minute: <c>ms_since_midnight,open,high,low,close,volume</c>, one file per day, the time being the bar's start
/// in New York time.</item>
/// </list>
/// </summary>
public static class LeanReader
{
    public const decimal PriceScale = 10_000m;

    public static List<Bar> ReadDaily(TextReader reader, string file, string symbol)
    {
        var bars = new List<Bar>();
        foreach (var (lineNumber, fields) in DataLines.Read(reader))
        {
            Expect(fields, 6, file, lineNumber);
            if (!DateTime.TryParseExact(fields[0].Trim(), "yyyyMMdd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                throw new BarFileException(file, lineNumber, $"'{fields[0]}' is not a LEAN daily time (yyyyMMdd HH:mm).");
            }

            var day = DateOnly.FromDateTime(time);
            bars.Add(Make(symbol, Resolutions.Day, ExchangeTime.DayStart(day), ExchangeTime.DayStart(day.AddDays(1)), fields, file, lineNumber));
        }

        return bars;
    }

    public static List<Bar> ReadMinute(TextReader reader, string file, string symbol, DateOnly day)
    {
        var bars = new List<Bar>();
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        foreach (var (lineNumber, fields) in DataLines.Read(reader))
        {
            Expect(fields, 6, file, lineNumber);
            if (!long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms >= 86_400_000 || ms % 60_000 != 0)
            {
                throw new BarFileException(file, lineNumber, $"'{fields[0]}' is not a whole minute in milliseconds since midnight.");
            }

            var start = ExchangeTime.FromExchangeLocal(midnight.AddMilliseconds(ms));
            bars.Add(Make(symbol, Resolutions.Minute, start, start.AddMinutes(1), fields, file, lineNumber));
        }

        return bars;
    }

    private static Bar Make(string symbol, string resolution, DateTimeOffset start, DateTimeOffset end, string[] fields, string file, int line)
    {
        var bar = new Bar(symbol.ToUpperInvariant(), resolution, start, end,
            Price(fields[1], "open", file, line), Price(fields[2], "high", file, line), Price(fields[3], "low", file, line),
            Price(fields[4], "close", file, line),
            long.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out var volume)
                ? volume
                : throw new BarFileException(file, line, $"Volume '{fields[5]}' is not a whole number."));
        return BarValidation.Check(bar) is { } problem ? throw new BarFileException(file, line, problem) : bar;
    }

    private static decimal Price(string text, string column, string file, int line) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var units)
            ? units / PriceScale
            : throw new BarFileException(file, line, $"The {column} price '{text}' is not an integer of 1/10,000 dollar.");

    private static void Expect(string[] fields, int count, string file, int line)
    {
        if (fields.Length != count)
        {
            throw new BarFileException(file, line, $"Expected {count} comma-separated fields, found {fields.Length}.");
        }
    }
}
