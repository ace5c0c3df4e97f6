using System.Globalization;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;

namespace AqTrading.MarketData.Core.Import;

/// <summary>One line of a LEAN factor file.</summary>
/// <param name="Date">The last trading day the factors apply to (the day before the split or ex-dividend date).</param>
/// <param name="ReferencePrice">The raw close on <paramref name="Date"/> (0 on the closing sentinel row).</param>
public sealed record FactorRow(DateOnly Date, decimal PriceFactor, decimal SplitFactor, decimal ReferencePrice)
{
    public decimal Factor => PriceFactor * SplitFactor;
}

/// <summary>
/// LEAN factor files (<c>yyyyMMdd,price_factor,split_factor,reference_price</c>) and the adjustment they define.
/// A row applies to every bar dated on or before its date and after the previous row's date: for a bar of trading
/// day d the factor is price_factor × split_factor of the first row with date ≥ d, and 1 after the last row. That
/// row date is the last day before the event (its reference price is that day's close) — AAPL's row 2014-06-06 has
/// split factor 1/28 and the next row 1/4, so 2014-06-06 and earlier are divided by 7 relative to 2014-06-09, the
/// first day after the 7:1 split.
/// </summary>
public static class FactorFile
{
    public static List<FactorRow> Read(TextReader reader, string file)
    {
        var rows = new List<FactorRow>();
        foreach (var (lineNumber, fields) in DataLines.Read(reader))
        {
            if (fields.Length < 3)
            {
                throw new BarFileException(file, lineNumber, $"Expected date,price_factor,split_factor[,reference_price], found {fields.Length} field(s).");
            }

            if (!DateOnly.TryParseExact(fields[0].Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new BarFileException(file, lineNumber, $"'{fields[0]}' is not a date (yyyyMMdd).");
            }

            var priceFactor = Number(fields[1], "price factor", file, lineNumber);
            var splitFactor = Number(fields[2], "split factor", file, lineNumber);
            var reference = fields.Length > 3 ? Number(fields[3], "reference price", file, lineNumber) : 0m;
            if (priceFactor <= 0 || splitFactor <= 0)
            {
                throw new BarFileException(file, lineNumber, "Factors must be positive.");
            }

            if (rows.Count > 0 && date <= rows[^1].Date)
            {
                throw new BarFileException(file, lineNumber, $"Dates must increase; {date:yyyyMMdd} follows {rows[^1].Date:yyyyMMdd}.");
            }

            rows.Add(new FactorRow(date, priceFactor, splitFactor, reference));
        }

        return rows;
    }

    /// <summary>The row that applies to <paramref name="day"/>, or null (factor 1). <paramref name="rows"/> ascending by date.</summary>
    public static FactorRow? RowFor(IReadOnlyList<FactorRow> rows, DateOnly day)
    {
        int low = 0, high = rows.Count - 1;
        FactorRow? found = null;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (rows[mid].Date >= day)
            {
                found = rows[mid];
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }

        return found;
    }

    /// <summary>
    /// The bar in adjusted prices (prices × factor, rounded to 6 decimals) and volume divided by the split factor
    /// alone (a split changes the share count, a dividend does not), so that dollar volume is preserved.
    /// </summary>
    public static Bar Adjust(IReadOnlyList<FactorRow> rows, Bar bar)
    {
        if (RowFor(rows, ExchangeTime.TradingDay(bar.Start)) is not { } row || row.Factor == 1m)
        {
            return bar;
        }

        var f = row.Factor;
        return bar with
        {
            Open = Math.Round(bar.Open * f, 6),
            High = Math.Round(bar.High * f, 6),
            Low = Math.Round(bar.Low * f, 6),
            Close = Math.Round(bar.Close * f, 6),
            Volume = (long)Math.Round(bar.Volume / row.SplitFactor, MidpointRounding.AwayFromZero),
        };
    }

    private static decimal Number(string text, string what, string file, int line) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BarFileException(file, line, $"The {what} '{text}' is not a number.");
}
