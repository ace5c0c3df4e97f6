using System.Globalization;
using AqTrading.Backtest.Engine;

namespace AqTrading.Backtest.UnitTests;

public sealed class BookUnitsTests
{
    [Theory]
    [InlineData("12.34", 123_400L, 2)]
    [InlineData("-2.5", -25_000L, 1)]
    [InlineData("7", 70_000L, 0)]
    [InlineData("0.0000", 0L, 4)]
    [InlineData("0.0001", 1L, 4)]
    public void A_value_with_at_most_four_decimals_is_a_whole_number_of_units_with_its_scale(string text, long units, int scale)
    {
        Assert.True(BookUnits.TryUnits(decimal.Parse(text, CultureInfo.InvariantCulture), out var actual, out var actualScale));
        Assert.Equal((units, scale), (actual, actualScale));
    }

    [Theory]
    [InlineData("1.23456")]
    [InlineData("10000000000.5")] // beyond 10¹⁰
    [InlineData("79228162514264337593543950335")]
    public void More_decimals_or_a_huge_value_do_not_convert(string text) =>
        Assert.False(BookUnits.TryUnits(decimal.Parse(text, CultureInfo.InvariantCulture), out _, out _));

    [Theory]
    [InlineData("10000000000", true)]
    [InlineData("-10000000000.0000", true)]
    [InlineData("10000000000.00", true)]
    [InlineData("9999999999.9999", true)]
    [InlineData("10000000000.0001", false)]
    [InlineData("10000000001", false)]
    [InlineData("-10000000000.1", false)]
    public void Values_up_to_ten_billion_convert_at_every_scale(string text, bool converts)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(converts, BookUnits.TryUnits(value, out var units, out _));
        if (converts)
        {
            Assert.Equal(value, units / 10_000m);
        }
    }

    [Fact]
    public void Units_as_a_double_are_the_decimal_as_a_double()
    {
        // The simulation takes a close's double from its units instead of converting the decimal again.
        var random = new Random(7);
        for (var k = 0; k < 200_000; k++)
        {
            var scale = (byte)random.Next(0, 5);
            var mantissa = random.NextInt64(1, k % 2 == 0 ? 100_000_000 : 100_000_000_000_000 / (long)Math.Pow(10, 4 - scale));
            var value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, random.Next(2) == 0, scale);
            Assert.True(BookUnits.TryUnits(value, out var units, out _));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)value), BitConverter.DoubleToInt64Bits(BookUnits.ToDouble(units)));
        }
    }

    [Fact]
    public void A_sum_of_products_reads_back_as_the_decimal_sum_in_value_and_scale()
    {
        // What the simulation relies on: Σ quantity × close kept in units equals the decimal running sum, printed alike
        // (30.00, not 30), whatever the mix of scales and signs.
        (decimal Quantity, decimal Close)[][] books =
        [
            [(10m, 1.50m), (10m, 1.50m)],
            [(100m, 50.1m), (-40m, 12.3456m), (2.5m, 99.99m)],
            [(3m, 7m), (-3m, 7m)],
            [(-1_000m, 0.0001m), (0.0001m, 10_000m)],
            [(12_345m, 9_999.9999m), (-12_345m, 9_999.9998m)],
        ];
        foreach (var book in books)
        {
            decimal sum = 0m, gross = 0m;
            Int128 units = 0, grossUnits = 0;
            var scale = 0;
            foreach (var (quantity, close) in book)
            {
                sum += quantity * close;
                gross += Math.Abs(quantity * close);
                Assert.True(BookUnits.TryUnits(quantity, out var q, out var qScale));
                Assert.True(BookUnits.TryUnits(close, out var c, out var cScale));
                units += (Int128)q * c;
                grossUnits += Int128.Abs((Int128)q * c);
                scale = Math.Max(scale, qScale + cScale);
            }

            Assert.Equal(sum.ToString(CultureInfo.InvariantCulture), BookUnits.ToDecimal(units, scale).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(gross.ToString(CultureInfo.InvariantCulture), BookUnits.ToDecimal(grossUnits, scale).ToString(CultureInfo.InvariantCulture));
        }
    }
}
