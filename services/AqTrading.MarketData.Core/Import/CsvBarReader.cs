using System.Globalization;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;

namespace AqTrading.MarketData.Core.Import;

/// <summary>
/// Reads our CSV bar format: a header naming the columns <c>timestamp,symbol,open,high,low,close,volume</c> (any order,
/// any case, extra columns ignored), then one bar per line. Prices are dollars with a '.' decimal point.
/// <list type="bullet">
/// <item>1m: the timestamp is the bar's start, ISO 8601 with a UTC offset or <c>Z</c>, on a whole minute.</item>
/// <item>1d: the date as written (<c>2024-01-02</c>, or the date part of a timestamp in its own offset) is the
/// trading day; the bar is stored from 00:00 to 24:00 New York time of that day.</item>
/// </list>
/// Blank lines are skipped. The first bad line stops the read with a <see cref="BarFileException"/>.
/// </summary>
public static class CsvBarReader
{
    private static readonly string[] Columns = ["timestamp", "symbol", "open", "high", "low", "close", "volume"];

    public static List<Bar> Read(TextReader reader, string file, string resolution)
    {
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new BarFileException(file, 0, "The file is empty; a header line timestamp,symbol,open,high,low,close,volume is expected.");
        }

        var names = header.Split(',').Select(n => n.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var missing = Columns.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new BarFileException(file, 1, $"The header lacks the column(s) {string.Join(", ", missing)}; expected timestamp,symbol,open,high,low,close,volume.");
        }

        var index = Columns.ToDictionary(c => c, c => names.IndexOf(c));
        var bars = new List<Bar>();
        var seen = new Dictionary<(string, DateTimeOffset), int>();
        foreach (var (lineNumber, fields) in DataLines.Read(reader, linesAlreadyRead: 1))
        {
            if (fields.Length != names.Count)
            {
                throw new BarFileException(file, lineNumber, $"Expected {names.Count} fields as in the header, found {fields.Length}.");
            }

            string Field(string column) => fields[index[column]].Trim();
            var start = ParseStart(Field("timestamp"), resolution, file, lineNumber);
            var bar = new Bar(Field("symbol").ToUpperInvariant(), resolution, start, Resolutions.EndOf(resolution, start),
                Price(Field("open"), "open", lineNumber), Price(Field("high"), "high", lineNumber), Price(Field("low"), "low", lineNumber),
                Price(Field("close"), "close", lineNumber),
                long.TryParse(Field("volume"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var volume)
                    ? volume
                    : throw new BarFileException(file, lineNumber, $"Volume '{Field("volume")}' is not a whole number."));
            if (BarValidation.Check(bar) is { } problem)
            {
                throw new BarFileException(file, lineNumber, problem);
            }

            if (!seen.TryAdd((bar.Symbol, bar.Start), lineNumber))
            {
                throw new BarFileException(file, lineNumber, $"A second {bar.Symbol} bar for {bar.Start:O} (the first is on line {seen[(bar.Symbol, bar.Start)]}).");
            }

            bars.Add(bar);
        }

        return bars;

        decimal Price(string text, string column, int lineNumber) =>
            decimal.TryParse(text, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new BarFileException(file, lineNumber, $"The {column} price '{text}' is not a number.");
    }

    private static DateTimeOffset ParseStart(string text, string resolution, string file, int line)
    {
        if (resolution == Resolutions.Day)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return ExchangeTime.DayStart(date);
            }

            if (TryParseInstant(text, out var instant))
            {
                return ExchangeTime.DayStart(DateOnly.FromDateTime(instant.DateTime));
            }

            throw new BarFileException(file, line, $"Timestamp '{text}' is neither a date (yyyy-MM-dd) nor an ISO 8601 time with an offset.");
        }

        if (!TryParseInstant(text, out var start))
        {
            throw new BarFileException(file, line, $"Timestamp '{text}' is not an ISO 8601 time with an offset or Z (e.g. 2024-01-02T14:30:00Z).");
        }

        start = start.ToUniversalTime();
        return start.Ticks % TimeSpan.TicksPerMinute == 0
            ? start
            : throw new BarFileException(file, line, $"Timestamp '{text}' is not on a whole minute; a 1m bar starts on one.");
    }

    // An offset (or Z) is required: a bare local time would be ambiguous. RoundtripKind reports Unspecified without one.
    private static bool TryParseInstant(string text, out DateTimeOffset value)
    {
        value = default;
        return text.Contains('T', StringComparison.OrdinalIgnoreCase)
               && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
               && parsed.Kind != DateTimeKind.Unspecified
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
