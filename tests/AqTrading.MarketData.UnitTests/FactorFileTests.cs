using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;
using AqTrading.MarketData.Core.Import;

namespace AqTrading.MarketData.UnitTests;

public sealed class FactorFileTests
{
    // The rows of AAPL's LEAN factor file around the 2014 7:1 split.
    private const string Aapl = """
        20140507,0.8961764,0.03571430,592.33
        20140606,0.9011818,0.03571430,645.57
        20140806,0.9011818,0.25,94.97
        20501231,1,1,0
        """;

    private static readonly List<FactorRow> Rows = FactorFile.Read(new StringReader(Aapl), "aapl.csv");

    private static Bar Daily(int year, int month, int day, decimal close, long volume = 1000)
    {
        var start = ExchangeTime.DayStart(new DateOnly(year, month, day));
        return new Bar("AAPL", "1d", start, ExchangeTime.DayStart(new DateOnly(year, month, day + 1)), close, close, close, close, volume);
    }

    [Fact]
    public void The_factor_file_reads_its_rows()
    {
        Assert.Equal(4, Rows.Count);
        Assert.Equal(new FactorRow(new DateOnly(2014, 6, 6), 0.9011818m, 0.0357143m, 645.57m), Rows[1]);
    }

    [Fact]
    public void A_row_applies_on_and_before_its_date_and_the_next_row_after_it()
    {
        Assert.Equal(new DateOnly(2014, 6, 6), FactorFile.RowFor(Rows, new DateOnly(2014, 6, 6))!.Date);
        Assert.Equal(new DateOnly(2014, 6, 6), FactorFile.RowFor(Rows, new DateOnly(2014, 5, 8))!.Date);
        Assert.Equal(new DateOnly(2014, 8, 6), FactorFile.RowFor(Rows, new DateOnly(2014, 6, 9))!.Date);
        Assert.Null(FactorFile.RowFor(Rows, new DateOnly(2051, 1, 1)));
    }

    [Fact]
    public void The_last_close_before_the_split_is_adjusted_by_both_factors_by_hand()
    {
        // 645.57 × 0.9011818 × 0.0357143 = 581.775935… × 0.0357143 = 20.7777203 (hand-computed, to 6 places 20.777720)
        var adjusted = FactorFile.Adjust(Rows, Daily(2014, 6, 6, 645.57m, volume: 12_116_671));

        Assert.Equal(20.777720m, adjusted.Close);
        // Volume is divided by the split factor alone: 12,116,671 / 0.0357143 = 339,266,652.29…
        Assert.Equal(339_266_652L, adjusted.Volume);
    }

    [Fact]
    public void Across_the_7_for_1_split_the_adjusted_series_is_continuous()
    {
        var before = FactorFile.Adjust(Rows, Daily(2014, 6, 6, 645.57m));
        var after = FactorFile.Adjust(Rows, Daily(2014, 6, 9, 93.70m));

        // Raw: −85.5 % overnight. Adjusted: the real move, 645.57 / 7 = 92.22 → 93.70 (+1.6 %).
        Assert.Equal(93.70m * 0.9011818m * 0.25m, after.Close, 6);
        Assert.InRange(after.Close / before.Close, 1.01m, 1.02m);
    }

    [Fact]
    public void After_the_last_row_prices_are_raw()
    {
        var bar = Daily(2051, 1, 2, 100m);
        Assert.Same(bar, FactorFile.Adjust(Rows, bar));
    }

    [Fact]
    public void A_malformed_factor_line_names_its_line()
    {
        var e = Assert.Throws<BarFileException>(() => FactorFile.Read(new StringReader("20140606,0.9,0.03,645\n20140806,x,0.25,94\n"), "aapl.csv"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Factor_dates_must_increase()
    {
        var e = Assert.Throws<BarFileException>(() => FactorFile.Read(new StringReader("20140806,1,1,1\n20140606,1,1,1\n"), "aapl.csv"));
        Assert.Equal(2, e.Line);
    }
}
