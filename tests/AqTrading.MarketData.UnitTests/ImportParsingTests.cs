using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Import;

namespace AqTrading.MarketData.UnitTests;

public sealed class ImportParsingTests
{
    private static List<Bar> Csv(string text, string resolution = "1m") => CsvBarReader.Read(new StringReader(text), "bars.csv", resolution);

    [Fact]
    public void Csv_minute_bars_read_with_offsets_converted_to_utc()
    {
        var bars = Csv("""
            timestamp,symbol,open,high,low,close,volume
            2024-01-02T14:30:00Z,aapl,187.15,188.44,186.80,188.00,120000
            2024-01-02T09:31:00-05:00,AAPL,188.00,188.10,187.50,187.60,90000

            """);

        Assert.Equal(2, bars.Count);
        Assert.Equal(new Bar("AAPL", "1m", new(2024, 1, 2, 14, 30, 0, TimeSpan.Zero), new(2024, 1, 2, 14, 31, 0, TimeSpan.Zero),
            187.15m, 188.44m, 186.80m, 188.00m, 120_000), bars[0]);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 14, 31, 0, TimeSpan.Zero), bars[1].Start);
        Assert.Equal(TimeSpan.Zero, bars[1].Start.Offset);
    }

    [Fact]
    public void Csv_columns_may_come_in_any_order()
    {
        var bar = Csv("Symbol,Volume,Timestamp,Open,High,Low,Close\nSPY,5,2024-01-02T15:00:00Z,1,2,0.5,1.5\n").Single();

        Assert.Equal(("SPY", 5L, 1m, 2m, 0.5m, 1.5m), (bar.Symbol, bar.Volume, bar.Open, bar.High, bar.Low, bar.Close));
    }

    [Theory]
    [InlineData("2024-01-02")]
    [InlineData("2024-01-02T00:00:00Z")]
    [InlineData("2024-01-02T00:00:00-05:00")]
    public void Csv_daily_bars_take_the_date_as_written_as_the_new_york_trading_day(string timestamp)
    {
        var bar = Csv($"timestamp,symbol,open,high,low,close,volume\n{timestamp},SPY,470,475,469,472,1000\n", "1d").Single();

        Assert.Equal(new DateTimeOffset(2024, 1, 2, 5, 0, 0, TimeSpan.Zero), bar.Start);
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 5, 0, 0, TimeSpan.Zero), bar.End);
    }

    [Theory]
    [InlineData("2024-01-02T14:30:00Z,AAPL,1,2,0.5,abc,10", 3, "close")]
    [InlineData("2024-01-02T14:30:00,AAPL,1,2,0.5,1.5,10", 3, "offset")]
    [InlineData("2024-01-02T14:30:30Z,AAPL,1,2,0.5,1.5,10", 3, "whole minute")]
    [InlineData("2024-01-02T14:30:00Z,AAPL,1,2,0.5,3,10", 3, "contain")]
    [InlineData("2024-01-02T14:30:00Z,AAPL,1,2,0.5,1.5", 3, "fields")]
    [InlineData("2024-01-02T14:30:00Z,AAPL,1,2,0.5,1.5,-1", 3, "negative")]
    [InlineData("2024-01-02T14:30:00Z,AAPL,-1,2,0.5,1.5,1", 3, "positive")]
    public void A_malformed_csv_line_names_the_file_and_line(string badLine, int line, string reason)
    {
        var e = Assert.Throws<BarFileException>(() => Csv($"timestamp,symbol,open,high,low,close,volume\n2024-01-02T14:29:00Z,AAPL,1,2,0.5,1.5,10\n{badLine}\n"));

        Assert.Equal(("bars.csv", line), (e.File, e.Line));
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"bars.csv, line {line}:", e.Message);
    }

    [Fact]
    public void A_csv_without_the_columns_fails_on_line_1()
    {
        var e = Assert.Throws<BarFileException>(() => Csv("time,sym,o,h,l,c,v\n"));
        Assert.Equal(1, e.Line);
        Assert.Contains("timestamp", e.Reason);
    }

    [Fact]
    public void A_duplicate_bar_names_both_lines()
    {
        var e = Assert.Throws<BarFileException>(() => Csv("timestamp,symbol,open,high,low,close,volume\n2024-01-02T14:30:00Z,A,1,1,1,1,1\n2024-01-02T14:30:00Z,A,1,1,1,1,1\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("line 2", e.Reason);
    }

    [Fact]
    public void Lean_daily_lines_are_scaled_and_span_the_new_york_day()
    {
        var bars = LeanReader.ReadDaily(new StringReader("20140606 00:00,6500000,6512500,6444800,6455700,12116671\n20140609 00:00,926900,938800,917500,937000,72875948\n"), "aapl.csv", "aapl");

        Assert.Equal(new Bar("AAPL", "1d", new(2014, 6, 6, 4, 0, 0, TimeSpan.Zero), new(2014, 6, 7, 4, 0, 0, TimeSpan.Zero),
            650m, 651.25m, 644.48m, 645.57m, 12_116_671), bars[0]);
        Assert.Equal(93.7m, bars[1].Close);
    }

    [Fact]
    public void Lean_minute_lines_are_milliseconds_after_new_york_midnight()
    {
        var bar = LeanReader.ReadMinute(new StringReader("34200000,6448000,6450000,6440000,6449000,900\n"), "m.csv", "AAPL", new DateOnly(2014, 6, 5)).Single();

        // 09:30 EDT = 13:30 UTC.
        Assert.Equal(new DateTimeOffset(2014, 6, 5, 13, 30, 0, TimeSpan.Zero), bar.Start);
        Assert.Equal(bar.Start.AddMinutes(1), bar.End);
        Assert.Equal(644.8m, bar.Open);
    }

    [Theory]
    [InlineData("20140606 00:00,6500000,6512500,6444800,6455700", "fields")]
    [InlineData("2014-06-06,6500000,6512500,6444800,6455700,1", "yyyyMMdd")]
    [InlineData("20140606 00:00,65.5,6512500,6444800,6455700,1", "open")]
    public void A_malformed_lean_line_names_its_line(string bad, string reason)
    {
        var e = Assert.Throws<BarFileException>(() => LeanReader.ReadDaily(new StringReader($"20140605 00:00,6462500,6493500,6426100,6473500,10445282\n{bad}\n"), "aapl.csv", "AAPL"));
        Assert.Equal(2, e.Line);
        Assert.Contains(reason, e.Reason);
    }
}
