using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.UnitTests.Options;

public sealed class ImpliedVolatilityTests
{
    [Theory]
    [InlineData(PricingModel.BlackScholesMerton)]
    [InlineData(PricingModel.Black76)]
    [InlineData(PricingModel.American)]
    public void Round_trip_recovers_the_volatility_that_made_the_price(PricingModel model)
    {
        var random = new Random(21);
        for (var i = 0; i < (model == PricingModel.American ? 25 : 400); i++)
        {
            var o = new OptionInputs(
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                50 + random.NextDouble() * 100, 50 + random.NextDouble() * 100,
                0.02 + random.NextDouble() * 2, random.NextDouble() * 0.08, random.NextDouble() * 0.05,
                0.05 + random.NextDouble() * 1.5);
            var price = OptionPricer.Price(model, o, 101);
            var result = ImpliedVolatility.Solve(model, o, price, americanSteps: 101);
            if (price - OptionPricer.Price(model, o.WithVolatility(0), 101) <= Math.Max(1e-12, 1e-10 * price))
            {
                // The price is its no-volatility value within the solver's tolerance (deep in or out of the money): nothing to solve for.
                Assert.Equal(ImpliedVolatilityStatus.PriceBelowMinimum, result.Status);
                continue;
            }

            // Where vega is negligible the price does not pin the volatility: check the price is reproduced instead.
            Assert.True(result.IsSolved, $"{model} {o}: {result}");
            var repriced = OptionPricer.Price(model, o.WithVolatility(result.Volatility), 101);
            Assert.True(Math.Abs(repriced - price) < 1e-8 * Math.Max(1, price), $"{model} {o}: {result}");
            if (OptionPricer.Greeks(model, o, 101).Vega > 1e-3)
            {
                Assert.True(Math.Abs(result.Volatility - o.Volatility) < 1e-6, $"{model} {o}: {result.Volatility} vs {o.Volatility}");
            }
        }
    }

    [Fact]
    public void A_price_below_intrinsic_has_no_solution()
    {
        // A call with S 120, K 100 is worth at least S − K e^{−rT} ≈ 24.9: 15 is impossible.
        var result = ImpliedVolatility.Solve(PricingModel.BlackScholesMerton, new OptionInputs(OptionRight.Call, 120, 100, 1, 0.05, 0, 0), 15);
        Assert.Equal(ImpliedVolatilityStatus.PriceBelowMinimum, result.Status);
        Assert.True(double.IsNaN(result.Volatility));

        var american = ImpliedVolatility.Solve(PricingModel.American, new OptionInputs(OptionRight.Put, 80, 100, 1, 0.05, 0, 0), 19.5);
        Assert.Equal(ImpliedVolatilityStatus.PriceBelowMinimum, american.Status); // below the exercise value of 20
    }

    [Fact]
    public void A_price_above_the_maximum_has_no_solution()
    {
        // No call is worth more than the stock.
        var result = ImpliedVolatility.Solve(PricingModel.BlackScholesMerton, new OptionInputs(OptionRight.Call, 100, 100, 1, 0.05, 0, 0), 100.5);
        Assert.Equal(ImpliedVolatilityStatus.PriceAboveMaximum, result.Status);
    }

    [Fact]
    public void Zero_price_out_of_the_money_has_no_solution_and_negative_price_is_invalid()
    {
        var o = new OptionInputs(OptionRight.Call, 100, 150, 0.1, 0.05, 0, 0);
        Assert.Equal(ImpliedVolatilityStatus.PriceBelowMinimum, ImpliedVolatility.Solve(PricingModel.BlackScholesMerton, o, 0).Status);
        var negative = ImpliedVolatility.Solve(PricingModel.BlackScholesMerton, o, -1);
        Assert.Equal(ImpliedVolatilityStatus.InvalidInput, negative.Status);
        Assert.Equal("price", negative.InvalidField);
        Assert.Equal("strike", ImpliedVolatility.Solve(PricingModel.Black76, o with { Strike = -1 }, 1).InvalidField);
    }

    [Fact]
    public void Far_from_the_money_the_bracket_rescues_newton()
    {
        // Deep out of the money, short-dated: vega is tiny and a plain Newton step from an average guess overshoots.
        var o = new OptionInputs(OptionRight.Call, 100, 160, 0.1, 0.02, 0, 0.9);
        var price = BlackScholesMerton.Price(o);
        var result = ImpliedVolatility.Solve(PricingModel.BlackScholesMerton, o, price);
        Assert.True(result.IsSolved);
        Assert.Equal(0.9, result.Volatility, 8);
    }
}
