using AqTrading.Portfolio.Accounting;

namespace AqTrading.Portfolio.UnitTests;

public sealed class MultipliersTests
{
    [Theory]
    [InlineData(AssetType.Equity, 1)]
    [InlineData(AssetType.Option, 100)]
    public void Equities_default_to_1_and_options_to_100(AssetType assetType, int expected)
    {
        Assert.Equal(expected, Multipliers.Default(assetType));
    }

    [Fact]
    public void Futures_have_no_default_multiplier()
    {
        var error = Assert.Throws<ArgumentException>(() => Multipliers.Default(AssetType.Future));
        Assert.Contains("contract specification", error.Message);
    }

    [Fact]
    public void Futures_multiplier_is_taken_from_the_contract()
    {
        Assert.Equal(50m, Multipliers.For(AssetType.Future, 50m));
        Assert.Throws<ArgumentException>(() => Multipliers.For(AssetType.Future, null));
    }

    [Fact]
    public void A_contract_multiplier_overrides_the_option_default()
    {
        // Mini options deliver 10 shares.
        Assert.Equal(10m, Multipliers.For(AssetType.Option, 10m));
        Assert.Equal(100m, Multipliers.For(AssetType.Option, null));
    }

    [Fact]
    public void A_contract_multiplier_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Multipliers.For(AssetType.Future, 0m));
    }
}
