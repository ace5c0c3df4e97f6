using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>
/// The standard normal distribution. The cumulative function is Hart's (1968) algorithm 5666 as given by G. West,
/// "Better approximations to cumulative normal functions" (2005): a rational function times exp(−x²/2), accurate to
/// about 1e-14 absolutely, with no branch on the sign beyond a final reflection, so the same code runs on four or eight
/// lanes at once in the batch Greeks.
/// </summary>
public static class NormalDistribution
{
    /// <summary>1/√(2π).</summary>
    public const double InvSqrt2Pi = 0.398942280401432677939946059934;

    private const double Sqrt2Pi = 2.506628274631000502415765284811;

    // Beyond this |x| the density is below 1e-300 and the tail is 0 in double precision.
    private const double TailCutoff = 37.0;

    // Where the continued fraction takes over from the rational function (10/√2).
    private const double ContinuedFractionFrom = 7.07106781186547;

    /// <summary>The density φ(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>The cumulative distribution N(x).</summary>
    public static double Cdf(double x)
    {
        var tail = Tail(Math.Abs(x), Math.Exp(-0.5 * x * x));
        return x > 0 ? 1.0 - tail : tail;
    }

    /// <summary>N(x) and N(−x) from one evaluation, given e = exp(−x²/2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CdfPair(double x, double exponential, out double cdf, out double cdfOfNegative)
    {
        var tail = Tail(Math.Abs(x), exponential);
        cdf = x > 0 ? 1.0 - tail : tail;
        cdfOfNegative = x > 0 ? tail : 1.0 - tail;
    }

    // N(−|x|), given exp(−x²/2).
    private static double Tail(double abs, double exponential)
    {
        double tail;
        if (abs > TailCutoff)
        {
            tail = 0.0;
        }
        else
        {
            tail = abs < ContinuedFractionFrom
                ? exponential * Numerator(abs) / Denominator(abs)
                : exponential / ContinuedFraction(abs) / Sqrt2Pi;
        }

        return tail;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Numerator(double a) =>
        ((((((3.52624965998911E-02 * a + 0.700383064443688) * a + 6.37396220353165) * a + 33.912866078383) * a
            + 112.079291497871) * a + 221.213596169931) * a) + 220.206867912376;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Denominator(double a) =>
        (((((((8.83883476483184E-02 * a + 1.75566716318264) * a + 16.064177579207) * a + 86.7807322029461) * a
            + 296.564248779674) * a + 637.333633378831) * a + 793.826512519948) * a) + 440.413735824752;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ContinuedFraction(double a) => a + 1.0 / (a + 2.0 / (a + 3.0 / (a + 4.0 / (a + 0.65))));

    /// <summary>
    /// N(x) and N(−x) on every lane, given e = exp(−x²/2) (which the caller already has for the density). Both
    /// branches of <see cref="Cdf(double)"/> are evaluated and blended; the pair comes from one tail, so the small one
    /// keeps its relative precision.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CdfPair(Vector256<double> x, Vector256<double> exponential, out Vector256<double> cdf, out Vector256<double> cdfOfNegative)
    {
        var a = Vector256.Abs(x);
        var num = Vector256.FusedMultiplyAdd(Vector256.Create(3.52624965998911E-02), a, Vector256.Create(0.700383064443688));
        num = Vector256.FusedMultiplyAdd(num, a, Vector256.Create(6.37396220353165));
        num = Vector256.FusedMultiplyAdd(num, a, Vector256.Create(33.912866078383));
        num = Vector256.FusedMultiplyAdd(num, a, Vector256.Create(112.079291497871));
        num = Vector256.FusedMultiplyAdd(num, a, Vector256.Create(221.213596169931));
        num = Vector256.FusedMultiplyAdd(num, a, Vector256.Create(220.206867912376));
        var den = Vector256.FusedMultiplyAdd(Vector256.Create(8.83883476483184E-02), a, Vector256.Create(1.75566716318264));
        den = Vector256.FusedMultiplyAdd(den, a, Vector256.Create(16.064177579207));
        den = Vector256.FusedMultiplyAdd(den, a, Vector256.Create(86.7807322029461));
        den = Vector256.FusedMultiplyAdd(den, a, Vector256.Create(296.564248779674));
        den = Vector256.FusedMultiplyAdd(den, a, Vector256.Create(637.333633378831));
        den = Vector256.FusedMultiplyAdd(den, a, Vector256.Create(793.826512519948));
        den = Vector256.FusedMultiplyAdd(den, a, Vector256.Create(440.413735824752));
        var tail = exponential * num / den;

        var far = Vector256.GreaterThanOrEqual(a, Vector256.Create(ContinuedFractionFrom));
        if (far != Vector256<double>.Zero)
        {
            var cf = a + Vector256.Create(0.65);
            cf = a + Vector256.Create(4.0) / cf;
            cf = a + Vector256.Create(3.0) / cf;
            cf = a + Vector256.Create(2.0) / cf;
            cf = a + Vector256.Create(1.0) / cf;
            var farTail = exponential / (cf * Vector256.Create(Sqrt2Pi));
            tail = Vector256.ConditionalSelect(far, farTail, tail);
            tail = Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256.Create(TailCutoff)), Vector256<double>.Zero, tail);
        }

        var positive = Vector256.GreaterThan(x, Vector256<double>.Zero);
        var body = Vector256<double>.One - tail;
        cdf = Vector256.ConditionalSelect(positive, body, tail);
        cdfOfNegative = Vector256.ConditionalSelect(positive, tail, body);
    }
}
