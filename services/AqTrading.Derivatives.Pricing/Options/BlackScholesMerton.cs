using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>
/// European options on an asset with a continuous dividend yield q (Merton 1973; Hull, "Options, Futures, and Other
/// Derivatives", ch. 17 and 19):
/// d1 = (ln(S/K) + (r − q + σ²/2)T)/(σ√T), d2 = d1 − σ√T,
/// call = S e^{−qT} N(d1) − K e^{−rT} N(d2), put = K e^{−rT} N(−d2) − S e^{−qT} N(−d1).
/// Greeks are the closed-form derivatives (units in <see cref="OptionGreeks"/>).
/// <para>
/// Degenerate inputs have their limits: at expiry (T = 0) the intrinsic value with delta 1/0 (½ at the money) and no
/// other sensitivity; with zero volatility the discounted forward intrinsic value.
/// </para>
/// </summary>
public static class BlackScholesMerton
{
    /// <summary>The price alone.</summary>
    public static double Price(in OptionInputs inputs) => Greeks(inputs).Price;

    /// <summary>Price and every Greek of one option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is invalid (<see cref="OptionInputs.Validate"/> names it).</exception>
    public static OptionGreeks Greeks(in OptionInputs inputs)
    {
        ThrowIfInvalid(inputs);
        return Compute(inputs.Right, inputs.Spot, inputs.Strike, inputs.Years, inputs.Rate, inputs.DividendYield, inputs.Volatility, black76: false);
    }

    /// <summary>
    /// Price and Greeks of every option in <paramref name="inputs"/> into <paramref name="results"/> (same index), on
    /// four lanes at a time where the CPU has 256-bit vectors. Allocates nothing and never throws for bad data: an
    /// option whose inputs are invalid gets <see cref="OptionGreeks.NaN"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="results"/> is shorter than <paramref name="inputs"/>.</exception>
    public static void Greeks(ReadOnlySpan<OptionInputs> inputs, Span<OptionGreeks> results) => Batch(inputs, results, black76: false);

    internal static void ThrowIfInvalid(in OptionInputs inputs)
    {
        if (inputs.Validate() is { } field)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), $"The option's {field} is out of range.");
        }
    }

    /// <summary>
    /// The generalised formula. For Black-76 the carry equals the rate (the forward does not drift under the
    /// risk-neutral measure) and rho moves the discount factor only: ∂V/∂r = −T·V.
    /// </summary>
    internal static OptionGreeks Compute(OptionRight right, double s, double k, double t, double r, double q, double sigma, bool black76)
    {
        if (black76)
        {
            q = r;
        }

        var sign = right == OptionRight.Call ? 1.0 : -1.0;
        if (t <= 0)
        {
            var intrinsic = Math.Max(sign * (s - k), 0.0);
            var delta = s == k ? 0.5 * sign : (intrinsic > 0 ? sign : 0.0);
            return new OptionGreeks(intrinsic, delta, 0, 0, 0, 0, 0);
        }

        var dfq = Math.Exp(-q * t);
        var dfr = Math.Exp(-r * t);
        var sq = s * dfq;
        var kr = k * dfr;
        if (sigma <= 0)
        {
            var forward = sign * (sq - kr);
            if (forward <= 0)
            {
                return new OptionGreeks(0, 0, 0, 0, 0, 0, 0);
            }

            var thetaDeterministic = sign * (q * sq - r * kr);
            var rhoDeterministic = black76 ? -t * forward : sign * kr * t;
            return new OptionGreeks(forward, sign * dfq, 0, 0, thetaDeterministic, thetaDeterministic / OptionGreeks.DaysPerYear, rhoDeterministic * 0.01);
        }

        var sqrtT = Math.Sqrt(t);
        var volSqrtT = sigma * sqrtT;
        var d1 = (Math.Log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / volSqrtT;
        var d2 = d1 - volSqrtT;
        var e1 = Math.Exp(-0.5 * d1 * d1);
        NormalDistribution.CdfPair(d1, e1, out var nd1, out var nmd1);
        NormalDistribution.CdfPair(d2, Math.Exp(-0.5 * d2 * d2), out var nd2, out var nmd2);
        var n1 = sign > 0 ? nd1 : nmd1; // N(±d1)
        var n2 = sign > 0 ? nd2 : nmd2; // N(±d2)
        var pdf1 = NormalDistribution.InvSqrt2Pi * e1;

        var price = sign * (sq * n1 - kr * n2);
        var theta = -sq * pdf1 * sigma / (2 * sqrtT) + sign * (q * sq * n1 - r * kr * n2);
        var rho = black76 ? -t * price : sign * kr * t * n2;
        return new OptionGreeks(
            price,
            sign * dfq * n1,
            dfq * pdf1 / (s * volSqrtT),
            sq * pdf1 * sqrtT * 0.01,
            theta,
            theta / OptionGreeks.DaysPerYear,
            rho * 0.01);
    }

    internal static void Batch(ReadOnlySpan<OptionInputs> inputs, Span<OptionGreeks> results, bool black76)
    {
        if (results.Length < inputs.Length)
        {
            throw new ArgumentException("The results span must be at least as long as the inputs.", nameof(results));
        }

        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= inputs.Length; i += 4)
            {
                if (AllRegular(inputs.Slice(i, 4)))
                {
                    Lanes(inputs.Slice(i, 4), results.Slice(i, 4), black76);
                }
                else
                {
                    for (var j = i; j < i + 4; j++) results[j] = ComputeOrNaN(inputs[j], black76);
                }
            }
        }

        for (; i < inputs.Length; i++)
        {
            results[i] = ComputeOrNaN(inputs[i], black76);
        }
    }

    private static OptionGreeks ComputeOrNaN(in OptionInputs o, bool black76) =>
        o.Validate() is null
            ? Compute(o.Right, o.Spot, o.Strike, o.Years, o.Rate, o.DividendYield, o.Volatility, black76)
            : OptionGreeks.NaN;

    // Strictly inside the domain where the closed form applies (no expiry, no zero volatility, nothing invalid).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllRegular(ReadOnlySpan<OptionInputs> four)
    {
        foreach (ref readonly var o in four)
        {
            if (!(o.Years > 0 && o.Volatility > 0) || o.Validate() is not null) return false;
        }

        return true;
    }

    private static void Lanes(ReadOnlySpan<OptionInputs> o, Span<OptionGreeks> results, bool black76)
    {
        var s = Vector256.Create(o[0].Spot, o[1].Spot, o[2].Spot, o[3].Spot);
        var k = Vector256.Create(o[0].Strike, o[1].Strike, o[2].Strike, o[3].Strike);
        var t = Vector256.Create(o[0].Years, o[1].Years, o[2].Years, o[3].Years);
        var r = Vector256.Create(o[0].Rate, o[1].Rate, o[2].Rate, o[3].Rate);
        var q = black76 ? r : Vector256.Create(o[0].DividendYield, o[1].DividendYield, o[2].DividendYield, o[3].DividendYield);
        var sigma = Vector256.Create(o[0].Volatility, o[1].Volatility, o[2].Volatility, o[3].Volatility);
        var sign = Vector256.Create(SignOf(o[0].Right), SignOf(o[1].Right), SignOf(o[2].Right), SignOf(o[3].Right));
        var isCall = Vector256.GreaterThan(sign, Vector256<double>.Zero);

        var half = Vector256.Create(0.5);
        var sqrtT = Vector256.Sqrt(t);
        var volSqrtT = sigma * sqrtT;
        var dfq = Vector256.Exp(-q * t);
        var dfr = Vector256.Exp(-r * t);
        var sq = s * dfq;
        var kr = k * dfr;
        var d1 = (Vector256.Log(s / k) + (r - q + half * sigma * sigma) * t) / volSqrtT;
        var d2 = d1 - volSqrtT;
        var e1 = Vector256.Exp(-half * d1 * d1);
        var e2 = Vector256.Exp(-half * d2 * d2);
        NormalDistribution.CdfPair(d1, e1, out var nd1, out var nmd1);
        NormalDistribution.CdfPair(d2, e2, out var nd2, out var nmd2);
        var n1 = Vector256.ConditionalSelect(isCall, nd1, nmd1);
        var n2 = Vector256.ConditionalSelect(isCall, nd2, nmd2);
        var pdf1 = Vector256.Create(NormalDistribution.InvSqrt2Pi) * e1;

        var price = sign * (sq * n1 - kr * n2);
        var delta = sign * dfq * n1;
        var gamma = dfq * pdf1 / (s * volSqrtT);
        var vega = sq * pdf1 * sqrtT * Vector256.Create(0.01);
        var theta = -sq * pdf1 * sigma / (Vector256.Create(2.0) * sqrtT) + sign * (q * sq * n1 - r * kr * n2);
        var thetaPerDay = theta / Vector256.Create(OptionGreeks.DaysPerYear);
        var rho = (black76 ? -t * price : sign * kr * t * n2) * Vector256.Create(0.01);

        for (var lane = 0; lane < 4; lane++)
        {
            results[lane] = new OptionGreeks(
                price.GetElement(lane), delta.GetElement(lane), gamma.GetElement(lane), vega.GetElement(lane),
                theta.GetElement(lane), thetaPerDay.GetElement(lane), rho.GetElement(lane));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SignOf(OptionRight right) => right == OptionRight.Call ? 1.0 : -1.0;
}
