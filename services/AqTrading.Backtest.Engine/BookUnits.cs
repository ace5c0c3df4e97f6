using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.Engine;

/// <summary>
/// Decimal quantities and prices as integers of 10⁻⁴ (<see cref="TryUnits"/>) and their products, integers of 10⁻⁸, back
/// to decimal (<see cref="ToDecimal"/>): the simulation keeps the book's market value this way on every bar, exactly.
/// </summary>
internal static class BookUnits
{
    /// <summary>Decimals of a unit (<see cref="DecimalUnits.Decimals"/>).</summary>
    public const int Decimals = DecimalUnits.Decimals;

    /// <summary>The largest sum of products (10⁻⁸ units, i.e. 10¹⁹ in value) read back with <see cref="ToDecimal"/>: it
    /// fits a decimal's 96 bits even at scale 8, so no scale is ever rounded away.</summary>
    public static readonly Int128 MaxSum = Int128.Parse("1000000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <inheritdoc cref="DecimalUnits.TryUnits"/>
    public static bool TryUnits(decimal value, out long units, out int scale) => DecimalUnits.TryUnits(value, out units, out scale);

    /// <inheritdoc cref="DecimalUnits.ToDouble"/>
    public static double ToDouble(long units) => DecimalUnits.ToDouble(units);

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
}
