using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.UnitTests.Options;

/// <summary>No-arbitrage relations and limits every model must respect, over a seeded random grid.</summary>
public sealed class PricingPropertiesTests
{
    private static IEnumerable<OptionInputs> RandomOptions(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return new OptionInputs(
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                Spot: 20 + random.NextDouble() * 180,
                Strike: 20 + random.NextDouble() * 180,
                Years: 0.01 + random.NextDouble() * 2,
                Rate: -0.01 + random.NextDouble() * 0.09,
                DividendYield: random.NextDouble() * 0.06,
                Volatility: 0.05 + random.NextDouble() * 0.9);
        }
    }

    [Fact]
    public void Put_call_parity_holds_for_Black_Scholes_Merton()
    {
        foreach (var o in RandomOptions(1, 500))
        {
            var call = BlackScholesMerton.Greeks(o with { Right = OptionRight.Call });
            var put = BlackScholesMerton.Greeks(o with { Right = OptionRight.Put });
            // c − p = S e^{−qT} − K e^{−rT}; and the deltas differ by e^{−qT}.
            var forward = o.Spot * Math.Exp(-o.DividendYield * o.Years) - o.Strike * Math.Exp(-o.Rate * o.Years);
            Assert.True(Math.Abs(call.Price - put.Price - forward) < 1e-10 * o.Spot, $"{o}");
            Assert.True(Math.Abs(call.Delta - put.Delta - Math.Exp(-o.DividendYield * o.Years)) < 1e-12, $"{o}");
            Assert.True(Math.Abs(call.Gamma - put.Gamma) < 1e-14, $"{o}");
            Assert.True(Math.Abs(call.Vega - put.Vega) < 1e-12, $"{o}");
        }
    }

    [Fact]
    public void Put_call_parity_holds_for_Black_76()
    {
        foreach (var o in RandomOptions(2, 300))
        {
            var call = Black76.Greeks(o with { Right = OptionRight.Call });
            var put = Black76.Greeks(o with { Right = OptionRight.Put });
            var discountedForward = (o.Spot - o.Strike) * Math.Exp(-o.Rate * o.Years); // c − p = e^{−rT}(F − K)
            Assert.True(Math.Abs(call.Price - put.Price - discountedForward) < 1e-10 * o.Spot, $"{o}");
            Assert.True(Math.Abs(call.Rho - -o.Years * call.Price / 100) < 1e-12 * o.Spot, $"{o}");
        }
    }

    [Fact]
    public void Black_76_is_Black_Scholes_Merton_on_the_forward_with_the_carry_removed()
    {
        foreach (var o in RandomOptions(3, 200))
        {
            var futures = Black76.Price(o);
            var onStock = BlackScholesMerton.Price(o with { DividendYield = o.Rate }); // a stock whose yield equals r does not drift
            Assert.True(Math.Abs(futures - onStock) < 1e-10 * o.Spot, $"{o}");
        }
    }

    [Fact]
    public void American_is_worth_at_least_the_European_and_its_exercise_value()
    {
        foreach (var o in RandomOptions(4, 60))
        {
            var american = AmericanOption.Price(o, 101);
            var european = BlackScholesMerton.Price(o);
            var exercise = Math.Max(o.Right == OptionRight.Call ? o.Spot - o.Strike : o.Strike - o.Spot, 0);
            // The tree's discretisation error at 101 steps is far below 1e-3 of the strike.
            Assert.True(american >= european - 1e-3 * o.Strike / 100, $"{o}: {american} < {european}");
            Assert.True(american >= exercise - 1e-12, $"{o}: {american} < exercise {exercise}");
        }
    }

    [Fact]
    public void American_call_without_dividends_is_the_European_call()
    {
        foreach (var o in RandomOptions(5, 40))
        {
            var call = o with { Right = OptionRight.Call, DividendYield = 0, Rate = Math.Abs(o.Rate) };
            Assert.Equal(BlackScholesMerton.Greeks(call), AmericanOption.Greeks(call)); // the model's shortcut
            // and the tree itself, with early exercise allowed, finds no reason to exercise
            var tree = AmericanOption.TreePrice(call, 301, american: true);
            var europeanTree = AmericanOption.TreePrice(call, 301, american: false);
            Assert.Equal(europeanTree, tree, 12);
            Assert.True(Math.Abs(tree - BlackScholesMerton.Price(call)) < 1e-4 * call.Strike, $"{call}");
        }
    }

    [Fact]
    public void Greeks_agree_with_finite_differences_of_the_price()
    {
        foreach (var o in RandomOptions(6, 100))
        {
            foreach (var model in new[] { PricingModel.BlackScholesMerton, PricingModel.Black76 })
            {
                var g = OptionPricer.Greeks(model, o);
                double P(OptionInputs x) => OptionPricer.Price(model, x);
                var hs = o.Spot * 1e-4;
                var delta = (P(o with { Spot = o.Spot + hs }) - P(o with { Spot = o.Spot - hs })) / (2 * hs);
                var gamma = (P(o with { Spot = o.Spot + hs }) - 2 * g.Price + P(o with { Spot = o.Spot - hs })) / (hs * hs);
                var vega = (P(o with { Volatility = o.Volatility + 1e-5 }) - P(o with { Volatility = o.Volatility - 1e-5 })) / 2e-5 / 100;
                var rho = (P(o with { Rate = o.Rate + 1e-6 }) - P(o with { Rate = o.Rate - 1e-6 })) / 2e-6 / 100;
                var theta = (P(o with { Years = o.Years - 1e-6 }) - P(o with { Years = o.Years + 1e-6 })) / 2e-6;
                Assert.True(Math.Abs(delta - g.Delta) < 1e-6, $"{model} delta {o}");
                Assert.True(Math.Abs(gamma - g.Gamma) < 1e-4 * Math.Max(1, g.Gamma), $"{model} gamma {o}");
                Assert.True(Math.Abs(vega - g.Vega) < 1e-6 * o.Spot, $"{model} vega {o}");
                Assert.True(Math.Abs(rho - g.Rho) < 1e-6 * o.Spot, $"{model} rho {o}");
                Assert.True(Math.Abs(theta - g.Theta) < 1e-4 * o.Spot, $"{model} theta {o}");
            }
        }
    }

    [Fact]
    public void At_expiry_the_value_is_intrinsic_and_sensitivities_vanish()
    {
        var itmCall = BlackScholesMerton.Greeks(new OptionInputs(OptionRight.Call, 105, 100, 0, 0.05, 0, 0.3));
        Assert.Equal(new OptionGreeks(5, 1, 0, 0, 0, 0, 0), itmCall);
        var otmPut = BlackScholesMerton.Greeks(new OptionInputs(OptionRight.Put, 105, 100, 0, 0.05, 0, 0.3));
        Assert.Equal(new OptionGreeks(0, 0, 0, 0, 0, 0, 0), otmPut);
        var zeroVolPut = BlackScholesMerton.Greeks(new OptionInputs(OptionRight.Put, 90, 100, 1, 0.05, 0, 0));
        Assert.Equal(100 * Math.Exp(-0.05) - 90, zeroVolPut.Price, 12);
    }

    [Theory]
    [InlineData(-1.0, 100, 1, 0.05, 0, 0.2, "spot")]
    [InlineData(100, 0, 1, 0.05, 0, 0.2, "strike")]
    [InlineData(100, 100, -0.1, 0.05, 0, 0.2, "years")]
    [InlineData(100, 100, 1, double.NaN, 0, 0.2, "rate")]
    [InlineData(100, 100, 1, 0.05, double.PositiveInfinity, 0.2, "dividendYield")]
    [InlineData(100, 100, 1, 0.05, 0, -0.2, "volatility")]
    public void Invalid_inputs_name_the_field_and_throw_in_the_single_api(double s, double k, double t, double r, double q, double v, string field)
    {
        var o = new OptionInputs(OptionRight.Call, s, k, t, r, q, v);
        Assert.Equal(field, o.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => BlackScholesMerton.Greeks(o));
    }
}
