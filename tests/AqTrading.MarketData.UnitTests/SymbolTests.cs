using AqTrading.MarketData.Core.Instruments;
using AqTrading.MarketData.Instruments;

namespace AqTrading.MarketData.UnitTests;

public sealed class SymbolTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("AAPL  240119C00190000")]
    [InlineData("AAPL240119C00190000")]
    [InlineData("aapl240119c00190000")]
    public void An_occ_symbol_gives_underlying_expiry_right_and_strike(string text)
    {
        var option = OptionSymbol.Parse(text);

        Assert.Equal(new OptionSymbol("AAPL", new DateOnly(2024, 1, 19), "call", 190m), option);
        Assert.Equal("AAPL  240119C00190000", option.Osi);
        Assert.Equal("AAPL240119C00190000", option.Compact);
    }

    [Fact]
    public void Fractional_strikes_and_puts_parse()
    {
        var option = OptionSymbol.Parse("SPY   261218P00412500");

        Assert.Equal(("SPY", "put", 412.5m), (option.Underlying, option.Right, option.Strike));
    }

    [Theory]
    [InlineData("AAPL241319C00190000")] // month 13
    [InlineData("AAPL240119X00190000")] // neither C nor P
    [InlineData("AAPL240119C0019000")]  // seven strike digits
    [InlineData("AAPL240119C00000000")] // zero strike
    [InlineData("TOOLONGX240119C00190000")]
    public void Malformed_occ_symbols_are_rejected(string text)
    {
        Assert.False(OptionSymbol.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("ESZ6", "ES", 2026, 12)]
    [InlineData("ESZ26", "ES", 2026, 12)]
    [InlineData("ESH5", "ES", 2025, 3)]
    [InlineData("ESH4", "ES", 2034, 3)]
    [InlineData("NQM27", "NQ", 2027, 6)]
    [InlineData("MESU6", "MES", 2026, 9)]
    [InlineData("CLF27", "CL", 2027, 1)]
    public void A_futures_symbol_gives_root_month_and_year(string text, string root, int year, int month)
    {
        Assert.True(FutureSymbol.TryParse(text, Today, out var future));
        Assert.Equal(new FutureSymbol(root, year, month), future);
    }

    [Theory]
    [InlineData("ESA6")]   // A is no month code
    [InlineData("ESZ")]    // no year
    [InlineData("ESZ123")]
    [InlineData("AAPL")]
    public void Non_futures_symbols_do_not_parse(string text) => Assert.False(FutureSymbol.TryParse(text, Today, out _));

    [Fact]
    public void The_default_futures_expiry_is_the_third_friday()
    {
        Assert.Equal(new DateOnly(2026, 12, 18), new FutureSymbol("ES", 2026, 12).ThirdFriday);
        Assert.Equal(new DateOnly(2027, 3, 19), new FutureSymbol("ES", 2027, 3).ThirdFriday);
    }

    [Fact]
    public void Registering_an_occ_option_fills_its_terms_from_the_symbol_in_compact_form()
    {
        var request = new RegisterInstrument("AAPL  240119P00190000", "option", null, null, null, null, null, null, null, null);

        Assert.Empty(request.Validate());
        var option = request.ToInstrument(DateTimeOffset.UnixEpoch);
        Assert.Equal(("AAPL240119P00190000", "AAPL", new DateOnly(2024, 1, 19), 190m, "put", 100m, "XNYS"),
            (option.Symbol, option.Underlying, option.Expiry, option.Strike, option.Right, option.Multiplier, option.Exchange));
    }

    [Fact]
    public void Terms_that_contradict_the_occ_symbol_are_rejected_by_field()
    {
        var errors = new RegisterInstrument("AAPL240119C00190000", "option", null, null, null, null, "MSFT", new DateOnly(2024, 1, 19), 200m, "put").Validate();

        Assert.Equal(["right", "strike", "underlying"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void An_occ_shaped_symbol_with_a_bad_date_is_a_symbol_error()
    {
        Assert.Contains("symbol", new RegisterInstrument("AAPL241319C00190000", "option", null, null, null, null, null, null, null, null).Validate().Keys);
    }

    [Fact]
    public void Registering_a_known_future_fills_root_expiry_and_contract_specs()
    {
        var future = new RegisterInstrument("ESZ6", "future", null, null, null, null, null, null, null, null)
            .ToInstrument(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(("ES", new DateOnly(2026, 12, 18), 50m, 0.25m, "CME"),
            (future.Underlying, future.Expiry, future.Multiplier, future.TickSize, future.Exchange));
    }

    [Fact]
    public void A_future_whose_underlying_contradicts_its_root_is_rejected()
    {
        Assert.Contains("underlying", new RegisterInstrument("ESZ6", "future", null, null, null, null, "NQ", null, null, null).Validate().Keys);
    }
}
