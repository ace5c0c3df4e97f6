using System.Runtime.CompilerServices;

namespace AqTrading.Strategies.Engine;

/// <summary>
/// Decimal prices and quantities as whole numbers of 10⁻⁴ units, for exact integer arithmetic on the hot paths: the SMA
/// strategy's running sums and the backtest engine's book values (AqTrading.Backtest.Engine's <c>BookUnits</c>).
/// </summary>
internal static class DecimalUnits
{
    /// <summary>Decimals of a unit: a value with at most this many converts.</summary>
    public const int Decimals = 4;

    /// <summary>One in units (10⁴).</summary>
    public const long One = 10_000;

    /// <summary>The largest magnitude converted, in units (10¹⁰ in value): sums of thousands of them stay far inside a
    /// long, and a product of two inside an Int128.</summary>
    public const long MaxUnits = 100_000_000_000_000;

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000];

    /// <summary>The largest mantissa of each scale (0–4) that converts: a table, not a 64-bit division (tens of cycles)
    /// on every call, which is every bar.</summary>
    private static readonly ulong[] MaxMantissa = [.. Pow10.Select(p => (ulong)(MaxUnits / (Pow10[Decimals] / p)))];

    /// <summary><paramref name="value"/> as a whole number of 10⁻⁴ units with its decimal scale; false when it has more
    /// than four decimals or is too large. A negative zero converts to 0.</summary>
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

    /// <summary>The four ints of <see cref="decimal.GetBits(decimal, Span{int})"/>.</summary>
    [InlineArray(4)]
    private struct DecimalBits
    {
#pragma warning disable IDE0044, IDE0051, S1144 // the inline array's element: used through the span
        private int _element;
#pragma warning restore IDE0044, IDE0051, S1144
    }
}
