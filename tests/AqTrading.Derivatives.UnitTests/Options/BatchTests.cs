using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.UnitTests.Options;

public sealed class BatchTests
{
    [Theory]
    [InlineData(PricingModel.BlackScholesMerton)]
    [InlineData(PricingModel.Black76)]
    public void Vectorised_batch_equals_the_single_contract_api(PricingModel model)
    {
        var random = new Random(11);
        var inputs = new OptionInputs[1_003]; // not a multiple of the vector width: the tail goes the scalar way
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = new OptionInputs(
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                10 + random.NextDouble() * 500, 10 + random.NextDouble() * 500,
                random.NextDouble() * 3, -0.01 + random.NextDouble() * 0.1, random.NextDouble() * 0.05,
                random.NextDouble() * 1.2);
        }

        // Degenerate lanes mixed in: at expiry, zero volatility, deep tails (the continued-fraction branch).
        inputs[5] = inputs[5] with { Years = 0 };
        inputs[6] = inputs[6] with { Volatility = 0 };
        inputs[7] = inputs[7] with { Spot = 500, Strike = 20, Years = 0.5, Volatility = 0.1 };

        var results = new OptionGreeks[inputs.Length];
        OptionPricer.Greeks(model, inputs, results);

        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = OptionPricer.Greeks(model, inputs[i]);
            var actual = results[i];
            var scale = Math.Max(1, inputs[i].Spot);
            Assert.True(Math.Abs(expected.Price - actual.Price) < 1e-12 * scale, $"{i} price");
            Assert.True(Math.Abs(expected.Delta - actual.Delta) < 1e-12, $"{i} delta");
            Assert.True(Math.Abs(expected.Gamma - actual.Gamma) < 1e-12, $"{i} gamma");
            Assert.True(Math.Abs(expected.Vega - actual.Vega) < 1e-12 * scale, $"{i} vega");
            Assert.True(Math.Abs(expected.Theta - actual.Theta) < 1e-11 * scale, $"{i} theta");
            Assert.True(Math.Abs(expected.ThetaPerDay - actual.ThetaPerDay) < 1e-13 * scale, $"{i} theta/day");
            Assert.True(Math.Abs(expected.Rho - actual.Rho) < 1e-12 * scale, $"{i} rho");
        }
    }

    [Fact]
    public void Invalid_rows_get_NaN_and_do_not_stop_the_batch()
    {
        OptionInputs[] inputs =
        [
            new(OptionRight.Call, 100, 100, 1, 0.05, 0, 0.2),
            new(OptionRight.Call, -5, 100, 1, 0.05, 0, 0.2),
            new(OptionRight.Put, 100, 100, 1, 0.05, 0, double.NaN),
            new(OptionRight.Put, 100, 100, 1, 0.05, 0, 0.2),
            new(OptionRight.Put, 100, 90, 1, 0.05, 0, 0.2),
        ];
        foreach (var model in Enum.GetValues<PricingModel>())
        {
            var results = new OptionGreeks[inputs.Length];
            OptionPricer.Greeks(model, inputs, results, americanSteps: 51);
            Assert.True(results[0].IsFinite);
            Assert.False(results[1].IsFinite);
            Assert.False(results[2].IsFinite);
            Assert.True(results[3].IsFinite);
            Assert.Equal(OptionPricer.Greeks(model, inputs[4], 51), results[4]);
        }
    }

    [Fact]
    public void Results_shorter_than_inputs_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => OptionPricer.Greeks(PricingModel.BlackScholesMerton, new OptionInputs[4], new OptionGreeks[3]));
    }
}
