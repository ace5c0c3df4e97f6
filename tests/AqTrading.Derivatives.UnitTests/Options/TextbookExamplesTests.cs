using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.UnitTests.Options;

/// <summary>
/// Worked examples from J. C. Hull, "Options, Futures, and Other Derivatives" (9th ed.), to the digits the book
/// prints. Independent of any code: the numbers are the book's.
/// </summary>
public sealed class TextbookExamplesTests
{
    [Fact]
    public void Hull_15_6_stock_option_call_and_put()
    {
        // S 42, K 40, r 10 %, σ 20 %, six months: c = 4.76, p = 0.81.
        var call = BlackScholesMerton.Greeks(new OptionInputs(OptionRight.Call, 42, 40, 0.5, 0.10, 0, 0.20));
        var put = BlackScholesMerton.Greeks(new OptionInputs(OptionRight.Put, 42, 40, 0.5, 0.10, 0, 0.20));
        Assert.Equal(4.76, call.Price, 2);
        Assert.Equal(0.81, put.Price, 2);
    }

    [Fact]
    public void Hull_chapter_19_greeks_of_the_bank_s_call()
    {
        // S 49, K 50, r 5 %, σ 20 %, 20 weeks (0.3846 years): Δ 0.522, Γ 0.066, vega 12.1 per unit of σ,
        // Θ −4.31 per year (−0.0118 per calendar day), ρ 8.91 per unit of r.
        var g = BlackScholesMerton.Greeks(new OptionInputs(OptionRight.Call, 49, 50, 0.3846, 0.05, 0, 0.20));
        Assert.Equal(2.40, g.Price, 2);
        Assert.Equal(0.522, g.Delta, 3);
        Assert.Equal(0.066, g.Gamma, 3);
        Assert.Equal(0.121, g.Vega, 3);      // per 0.01 of volatility
        Assert.Equal(-4.31, g.Theta, 2);
        Assert.Equal(-0.0118, g.ThetaPerDay, 4);
        Assert.Equal(0.0891, g.Rho, 4);      // per 0.01 of rate
    }

    [Fact]
    public void Hull_17_1_index_option_with_dividend_yield()
    {
        // S&P index 930, K 900, r 8 %, q 3 %, σ 20 %, two months: c = 51.83.
        var call = BlackScholesMerton.Greeks(new OptionInputs(OptionRight.Call, 930, 900, 2.0 / 12, 0.08, 0.03, 0.20));
        Assert.Equal(51.83, call.Price, 2);
    }

    [Fact]
    public void Hull_18_futures_option_put_by_black_76()
    {
        // Crude oil futures 20, K 20, r 9 %, σ 25 %, four months: p = 1.12.
        var put = Black76.Greeks(new OptionInputs(OptionRight.Put, 20, 20, 4.0 / 12, 0.09, 0, 0.25));
        Assert.Equal(1.12, put.Price, 2);
    }

    [Fact]
    public void Hull_21_american_put_converges_to_the_book_s_value()
    {
        // S 50, K 50, r 10 %, σ 40 %, five months: the book's tree values approach 4.28 as steps grow.
        var put = AmericanOption.Greeks(new OptionInputs(OptionRight.Put, 50, 50, 5.0 / 12, 0.10, 0, 0.40));
        Assert.Equal(4.28, put.Price, 2);
    }

    [Fact]
    public void Hull_15_11_implied_volatility_of_the_call()
    {
        // A call worth 1.875 with S 21, K 20, r 10 %, three months has an implied volatility of 0.235.
        var result = ImpliedVolatility.Solve(PricingModel.BlackScholesMerton, new OptionInputs(OptionRight.Call, 21, 20, 0.25, 0.10, 0, 0), 1.875);
        Assert.True(result.IsSolved);
        Assert.Equal(0.235, result.Volatility, 3);
    }
}
