using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.UnitTests.Options;

/// <summary>Our models against QLNet's engines (a different code base, the C# port of QuantLib).</summary>
public sealed class QuantLibComparisonTests
{
    public static TheoryData<OptionRight, double, double, int, double, double, double> EuropeanCases() => new()
    {
        { OptionRight.Call, 100, 100, 365, 0.05, 0.00, 0.20 },
        { OptionRight.Put, 100, 100, 365, 0.05, 0.00, 0.20 },
        { OptionRight.Call, 100, 80, 30, 0.03, 0.02, 0.35 },   // deep in the money, a month
        { OptionRight.Put, 100, 80, 30, 0.03, 0.02, 0.35 },    // far out of the money
        { OptionRight.Call, 250, 300, 730, 0.04, 0.015, 0.25 },
        { OptionRight.Put, 250, 300, 730, 0.04, 0.015, 0.25 },
        { OptionRight.Call, 50, 52, 7, -0.005, 0.0, 0.60 },    // negative rate, a week, high vol
        { OptionRight.Put, 50, 52, 1, 0.05, 0.03, 0.15 },      // one day
        { OptionRight.Call, 4500, 4400, 90, 0.05, 0.013, 0.18 },
        { OptionRight.Put, 10, 30, 365, 0.02, 0.0, 1.50 },
    };

    [Theory]
    [MemberData(nameof(EuropeanCases))]
    public void Black_Scholes_Merton_matches_QLNet_analytic_engine(OptionRight right, double s, double k, int days, double r, double q, double vol)
    {
        var expected = QuantLibReference.European(right, s, k, days, r, q, vol);
        var actual = BlackScholesMerton.Greeks(new OptionInputs(right, s, k, QuantLibReference.Years(days), r, q, vol));

        AssertClose(expected.Price, actual.Price, 1e-10, s);
        AssertClose(expected.Delta, actual.Delta, 1e-10, 1);
        AssertClose(expected.Gamma, actual.Gamma, 1e-10, 1);
        AssertClose(expected.Vega!.Value / 100, actual.Vega, 1e-10, s);   // QLNet: per unit of σ; ours per 0.01
        AssertClose(expected.Theta, actual.Theta, 1e-9, s);                // both per year
        AssertClose(expected.Rho!.Value / 100, actual.Rho, 1e-10, s);     // QLNet: per unit of r; ours per 0.01
        Assert.Equal(actual.Theta / 365, actual.ThetaPerDay, 15);
    }

    [Theory]
    [MemberData(nameof(EuropeanCases))]
    public void Normal_cdf_matches_QLNet_to_near_machine_precision(OptionRight _, double s, double k, int days, double r, double q, double vol)
    {
        // Use the cases as a source of arguments, plus the tails.
        var d = (Math.Log(s / k) + (r - q + vol * vol / 2) * days / 365.0) / (vol * Math.Sqrt(days / 365.0));
        foreach (var x in new[] { d, -d, 0, 1e-8, -3.3, 7.0, 7.1, -7.1, 9.5, -12, -30, -38, 38 })
        {
            Assert.True(Math.Abs(QuantLibReference.CumulativeNormal(x) - NormalDistribution.Cdf(x)) < 2e-15, $"N({x})");
        }
    }

    public static TheoryData<OptionRight, double, double, int, double, double, double> AmericanCases() => new()
    {
        { OptionRight.Put, 100, 100, 365, 0.05, 0.00, 0.20 },
        { OptionRight.Put, 100, 110, 180, 0.08, 0.00, 0.30 },   // in the money, high rate: early exercise matters
        { OptionRight.Put, 100, 90, 90, 0.03, 0.01, 0.25 },
        { OptionRight.Call, 100, 100, 365, 0.03, 0.06, 0.25 },  // call with a dividend yield above the rate
        { OptionRight.Call, 100, 90, 180, 0.02, 0.04, 0.40 },
        { OptionRight.Put, 40, 45, 730, 0.06, 0.00, 0.35 },
    };

    /// <summary>
    /// Same method, same steps: our Leisen-Reimer tree and QLNet's must agree to rounding. This pins the tree's
    /// construction (the Peizer-Pratt probabilities, the node layout, early exercise).
    /// </summary>
    [Theory]
    [MemberData(nameof(AmericanCases))]
    public void American_tree_equals_QLNet_Leisen_Reimer_tree_at_the_same_steps(OptionRight right, double s, double k, int days, double r, double q, double vol)
    {
        var expected = QuantLibReference.AmericanTree(right, s, k, days, r, q, vol, 301);
        var actual = AmericanOption.TreePrice(new OptionInputs(right, s, k, QuantLibReference.Years(days), r, q, vol), 301, american: true);
        AssertClose(expected.Price, actual, 1e-10, s);
    }

    /// <summary>
    /// Accuracy of the default (301 steps) against QLNet's finite-difference engine on an 800×800 grid, a different
    /// method: price within 2e-4 of the strike, delta within 2e-3, gamma within 5 %, theta within 1 % (theta per day
    /// within a tenth of a cent per 100 of strike). Vega and rho against QLNet's tree re-priced by bumps.
    /// </summary>
    [Theory]
    [MemberData(nameof(AmericanCases))]
    public void American_price_and_greeks_match_QLNet_finite_differences(OptionRight right, double s, double k, int days, double r, double q, double vol)
    {
        var years = QuantLibReference.Years(days);
        var actual = AmericanOption.Greeks(new OptionInputs(right, s, k, years, r, q, vol));
        var fd = QuantLibReference.AmericanFiniteDifference(right, s, k, days, r, q, vol);

        Assert.True(Math.Abs(fd.Price - actual.Price) < 2e-4 * k, $"price {actual.Price} vs {fd.Price}");
        Assert.True(Math.Abs(fd.Delta - actual.Delta) < 2e-3, $"delta {actual.Delta} vs {fd.Delta}");
        Assert.True(Math.Abs(fd.Gamma - actual.Gamma) < 0.05 * Math.Abs(fd.Gamma), $"gamma {actual.Gamma} vs {fd.Gamma}");
        Assert.True(Math.Abs(fd.Theta - actual.Theta) < 0.01 * Math.Abs(fd.Theta) + 1e-3 * k / 100, $"theta {actual.Theta} vs {fd.Theta}");

        const int steps = 1001;
        const double dv = 1e-3, dr = 1e-4;
        var vega = (QuantLibReference.AmericanPrice(right, s, k, days, r, q, vol + dv, steps)
                    - QuantLibReference.AmericanPrice(right, s, k, days, r, q, vol - dv, steps)) / (2 * dv) / 100;
        var rho = (QuantLibReference.AmericanPrice(right, s, k, days, r + dr, q, vol, steps)
                   - QuantLibReference.AmericanPrice(right, s, k, days, r - dr, q, vol, steps)) / (2 * dr) / 100;
        Assert.True(Math.Abs(vega - actual.Vega) < 0.01 * Math.Abs(vega), $"vega {actual.Vega} vs {vega}");
        Assert.True(Math.Abs(rho - actual.Rho) < 0.01 * Math.Abs(rho) + 1e-5 * k, $"rho {actual.Rho} vs {rho}");
    }

    /// <summary>The documented accuracy: default steps against a 5,001-step QLNet tree (converged to ~1e-8).</summary>
    [Theory]
    [MemberData(nameof(AmericanCases))]
    public void American_default_steps_are_within_1e4_of_the_strike_of_the_converged_value(OptionRight right, double s, double k, int days, double r, double q, double vol)
    {
        var converged = QuantLibReference.AmericanTree(right, s, k, days, r, q, vol, 5001).Price;
        var actual = AmericanOption.Price(new OptionInputs(right, s, k, QuantLibReference.Years(days), r, q, vol));
        Assert.True(Math.Abs(converged - actual) < 1e-4 * k, $"{actual} vs {converged}: {Math.Abs(converged - actual) / k:E2} of strike");
    }

    private static void AssertClose(double expected, double actual, double tolerance, double scale) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(scale)), $"expected {expected:R}, got {actual:R}");
}
