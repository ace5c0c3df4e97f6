namespace AqTrading.Backtest.Engine;

/// <summary>
/// Decimal quantities and prices as integers of 10⁻⁴ (<see cref="TryUnits"/>) and their products, integers of 10⁻⁸, back
/// to decimal (<see cref="ToDecimal"/>): the simulation keeps the book's market value this way on every bar, exactly.
/// </summary>
internal static class BookUnits
{
    /// <summary>Decimals of a unit: a value with at most this many converts.</summary>
    public const int Decimals = 4;

    /// <summary>One in units (10⁴).</summary>
    public const long One = 10_000;

    /// <summary>The largest magnitude converted, in units (10¹⁰ in value): a product of two stays far inside an Int128,
    /// and a sum of products inside the 96 bits of a decimal.</summary>
    private const ulong MaxUnits = 100_000_000_000_000;

    /// <summary>The largest sum of products (10⁻⁸ units, i.e. 10¹⁹ in value) read back with <see cref="ToDecimal"/>: it
    /// fits a decimal's 96 bits even at scale 8, so no scale is ever rounded away.</summary>
    public static readonly Int128 MaxSum = Int128.Parse("1000000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>The largest mantissa of each scale (0–4) that converts: a table, not a 64-bit division (tens of cycles)
    /// per call, which is per bar of every held position.</summary>
    private static readonly ulong[] MaxMantissa = [.. Pow10[..(Decimals + 1)].Select(p => MaxUnits / (ulong)(Pow10[Decimals] / p))];

    /// <summary><paramref name="value"/> as a whole number of 10⁻⁴ units with its decimal scale; false when it has more
    /// than four decimals or is too large.</summary>
    public static bool TryUnits(decimal value, out long units, out int scale)
    {
        var bits = new DecimalBits(); // a local struct, not stackalloc: no stack cookie to set and check on every call
        decimal.GetBits(value, bits);
        scale = (bits[3] >> 16) & 0xFF;
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || scale > Decimals || mantissa > MaxMantissa[scale])
        {
            units = 0;
            return false;
        }

        units = (long)mantissa * Pow10[Decimals - scale];
        if (bits[3] < 0)
        {
            units = -units;
        }

        return true;
    }

    /// <summary>
    /// Units as a double: the same double as <c>(double)</c> of the decimal they came from, other than zero's sign. The
    /// conversion of a decimal divides its mantissa by 10^scale; this divides the same number times 10^(4 − scale) by
    /// 10⁴. Both dividends and divisors are exact as doubles (below 2⁵³), so both quotients are the same real number,
    /// rounded once, the same way.
    /// </summary>
    public static double ToDouble(long units) => units / (double)One;

    /// <summary>A sum of products of units (10⁻⁸) as a decimal of scale <paramref name="scale"/> (≤ 8; the sum is a
    /// whole multiple of 10^−scale).</summary>
    public static decimal ToDecimal(Int128 units, int scale)
    {
        var negative = units < 0;
        var magnitude = (UInt128)(negative ? -units : units) / (ulong)Pow10[2 * Decimals - scale];
        var lo = (ulong)magnitude;
        var hi = (ulong)(magnitude >> 64);
        if (hi > uint.MaxValue)
        {
            throw new OverflowException("A book value is too large for a decimal.");
        }

        return new decimal((int)(uint)lo, (int)(uint)(lo >> 32), (int)(uint)hi, negative && magnitude != 0, (byte)scale);
    }

    /// <summary>The four ints of <see cref="decimal.GetBits(decimal, Span{int})"/>.</summary>
    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct DecimalBits
    {
#pragma warning disable IDE0044, IDE0051, S1144 // the inline array's element: used through the span
        private int _element;
#pragma warning restore IDE0044, IDE0051, S1144
    }
}
