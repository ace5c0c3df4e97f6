using AqTrading.MarketData.Instruments;

namespace AqTrading.MarketData.UnitTests;

public sealed class RegisterInstrumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void An_equity_needs_only_symbol_and_class_and_gets_equity_defaults()
    {
        var request = new RegisterInstrument("aapl", "Equity", null, null, null, null, null, null, null, null);

        Assert.Empty(request.Validate());
        var instrument = request.ToInstrument(Now);
        Assert.Equal("AAPL", instrument.Symbol);
        Assert.Equal("equity", instrument.AssetClass);
        Assert.Equal(1m, instrument.Multiplier);
        Assert.Equal(0.01m, instrument.TickSize);
        Assert.Equal("USD", instrument.Currency);
        Assert.Equal(Now, instrument.CreatedAt);
    }

    [Fact]
    public void An_option_defaults_to_the_us_equity_option_multiplier_of_100()
    {
        var request = new RegisterInstrument("AAPL260116C00200000", "option", null, null, null, null, "AAPL",
            new DateOnly(2026, 1, 16), 200m, "CALL");

        Assert.Empty(request.Validate());
        var instrument = request.ToInstrument(Now);
        Assert.Equal(100m, instrument.Multiplier);
        Assert.Equal("call", instrument.Right);
    }

    [Fact]
    public void An_option_without_its_terms_names_every_missing_field()
    {
        var errors = new RegisterInstrument("AAPL_C", "option", null, null, null, null, null, null, null, null).Validate();

        Assert.Equal(["expiry", "right", "strike", "underlying"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void A_future_needs_underlying_and_expiry_but_no_strike()
    {
        Assert.Empty(new RegisterInstrument("ESZ6", "future", 50m, 0.25m, null, null, "ES", new DateOnly(2026, 12, 18), null, null).Validate());

        var withStrike = new RegisterInstrument("ESZ6", "future", 50m, 0.25m, null, null, "ES", new DateOnly(2026, 12, 18), 100m, null).Validate();
        Assert.Contains("strike", withStrike.Keys);
    }

    [Theory]
    [InlineData(null, "equity", "symbol")]
    [InlineData("HAS SPACE", "equity", "symbol")]
    [InlineData("AAPL", "crypto", "assetClass")]
    [InlineData("AAPL", null, "assetClass")]
    public void Bad_identity_is_rejected_by_field(string? symbol, string? assetClass, string field)
    {
        Assert.Contains(field, new RegisterInstrument(symbol, assetClass, null, null, null, null, null, null, null, null).Validate().Keys);
    }

    [Theory]
    [InlineData(0, 0.01, "multiplier")]
    [InlineData(-1, 0.01, "multiplier")]
    [InlineData(1, 0, "tickSize")]
    public void Non_positive_sizes_are_rejected(double multiplier, double tickSize, string field)
    {
        var request = new RegisterInstrument("AAPL", "equity", (decimal)multiplier, (decimal)tickSize, null, null, null, null, null, null);
        Assert.Contains(field, request.Validate().Keys);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U5D")]
    public void A_currency_must_be_a_three_letter_code(string currency)
    {
        Assert.Contains("currency", new RegisterInstrument("AAPL", "equity", null, null, currency, null, null, null, null, null).Validate().Keys);
    }
}
