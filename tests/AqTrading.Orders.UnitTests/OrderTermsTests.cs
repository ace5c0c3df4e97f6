using AqTrading.Orders.Domain;
using static AqTrading.Orders.UnitTests.Scenario;

namespace AqTrading.Orders.UnitTests;

public sealed class OrderTermsTests
{
    public static TheoryData<OrderTerms> ValidTerms => new()
    {
        Terms(OrderType.Market),
        Terms(OrderType.Market, TimeInForce.Ioc),
        Terms(OrderType.Limit, TimeInForce.Gtc, limitPrice: 150.25m),
        Terms(OrderType.Limit, TimeInForce.Ioc, limitPrice: 150.25m),
        Terms(OrderType.Stop, stopPrice: 140m),
        Terms(OrderType.StopLimit, TimeInForce.Gtc, limitPrice: 139.5m, stopPrice: 140m),
        Terms(quantity: 0.0001m),
        Terms(symbol: "BRK.B"),
        Terms(symbol: new string('X', OrderTerms.MaxSymbolLength)),
    };

    [Theory]
    [MemberData(nameof(ValidTerms))]
    public void Well_formed_terms_have_no_errors(OrderTerms terms) => Assert.Empty(OrderTerms.Validate(terms));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Quantity_must_be_positive(int quantity)
    {
        var errors = OrderTerms.Validate(Terms(quantity: quantity));

        Assert.Equal(["quantity"], errors.Keys);
        Assert.Equal(["Quantity must be greater than zero."], errors["quantity"]);
    }

    [Theory]
    [InlineData(OrderType.Limit)]
    [InlineData(OrderType.StopLimit)]
    public void Limit_and_stop_limit_orders_need_a_limit_price(OrderType type)
    {
        var errors = OrderTerms.Validate(Terms(type, stopPrice: type == OrderType.StopLimit ? 10m : null));

        Assert.Equal(["limitPrice"], errors.Keys);
        Assert.Contains("required", Assert.Single(errors["limitPrice"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_price_must_be_positive(int limitPrice)
    {
        var errors = OrderTerms.Validate(Terms(OrderType.Limit, limitPrice: limitPrice));

        Assert.Equal(["The limit price must be greater than zero."], errors["limitPrice"]);
    }

    [Theory]
    [InlineData(OrderType.Market)]
    [InlineData(OrderType.Stop)]
    public void Market_and_stop_orders_refuse_a_limit_price(OrderType type)
    {
        var errors = OrderTerms.Validate(Terms(type, limitPrice: 10m, stopPrice: type == OrderType.Stop ? 10m : null));

        Assert.Equal(["limitPrice"], errors.Keys);
        Assert.Contains("not allowed", Assert.Single(errors["limitPrice"]));
    }

    [Theory]
    [InlineData(OrderType.Stop)]
    [InlineData(OrderType.StopLimit)]
    public void Stop_and_stop_limit_orders_need_a_stop_price(OrderType type)
    {
        var errors = OrderTerms.Validate(Terms(type, limitPrice: type == OrderType.StopLimit ? 10m : null));

        Assert.Equal(["stopPrice"], errors.Keys);
        Assert.Contains("required", Assert.Single(errors["stopPrice"]));
    }

    [Fact]
    public void A_stop_price_must_be_positive()
    {
        var errors = OrderTerms.Validate(Terms(OrderType.Stop, stopPrice: 0m));

        Assert.Equal(["The stop price must be greater than zero."], errors["stopPrice"]);
    }

    [Theory]
    [InlineData(OrderType.Market)]
    [InlineData(OrderType.Limit)]
    public void Market_and_limit_orders_refuse_a_stop_price(OrderType type)
    {
        var errors = OrderTerms.Validate(Terms(type, limitPrice: type == OrderType.Limit ? 10m : null, stopPrice: 9m));

        Assert.Equal(["stopPrice"], errors.Keys);
        Assert.Contains("not allowed", Assert.Single(errors["stopPrice"]));
    }

    [Theory]
    [InlineData(OrderType.Stop)]
    [InlineData(OrderType.StopLimit)]
    public void Ioc_is_refused_for_stop_orders(OrderType type)
    {
        var terms = Terms(type, TimeInForce.Ioc, limitPrice: type == OrderType.StopLimit ? 10m : null, stopPrice: 10m);

        var errors = OrderTerms.Validate(terms);

        Assert.Equal(["timeInForce"], errors.Keys);
        Assert.Equal(["IOC is allowed only for market and limit orders."], errors["timeInForce"]);
    }

    [Fact]
    public void Symbol_is_required()
    {
        Assert.Equal(["Symbol is required."], OrderTerms.Validate(Terms(symbol: ""))["symbol"]);
        Assert.Equal(["Symbol is required."], OrderTerms.Validate(Terms(symbol: null!))["symbol"]);
    }

    [Fact]
    public void Symbol_longer_than_32_characters_is_refused()
    {
        var errors = OrderTerms.Validate(Terms(symbol: new string('X', OrderTerms.MaxSymbolLength + 1)));

        Assert.Equal(["Symbol must be at most 32 characters."], errors["symbol"]);
    }

    [Theory]
    [InlineData("BRK B")]
    [InlineData(" AAPL")]
    [InlineData("AAPL\t")]
    public void Symbol_with_whitespace_is_refused(string symbol)
    {
        var errors = OrderTerms.Validate(Terms(symbol: symbol));

        Assert.Equal(["Symbol must not contain whitespace."], errors["symbol"]);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var terms = new OrderTerms("", OrderSide.Sell, OrderType.Stop, TimeInForce.Ioc, -1m, LimitPrice: 5m, StopPrice: null);

        var errors = OrderTerms.Validate(terms);

        Assert.Equal(
            ["limitPrice", "quantity", "stopPrice", "symbol", "timeInForce"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void One_field_can_carry_several_messages()
    {
        var errors = OrderTerms.Validate(Terms(symbol: "A " + new string('X', OrderTerms.MaxSymbolLength)));

        Assert.Equal(2, errors["symbol"].Length);
    }

    [Fact]
    public void Undefined_enum_values_are_refused()
    {
        var terms = new OrderTerms("AAPL", (OrderSide)7, (OrderType)9, (TimeInForce)8, 1m, LimitPrice: 10m, StopPrice: 10m);

        var errors = OrderTerms.Validate(terms);

        // An unknown type suppresses the price rules, which could not say anything meaningful.
        Assert.Equal(["side", "timeInForce", "type"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_upper_cases_and_trims_the_symbol_only()
    {
        var terms = new OrderTerms("  brk.b ", OrderSide.Sell, OrderType.Limit, TimeInForce.Gtc, 3m, 412.5m);

        var normalized = terms.Normalize();

        Assert.Equal(terms with { Symbol = "BRK.B" }, normalized);
        Assert.Empty(OrderTerms.Validate(normalized));
    }

    [Fact]
    public void Normalize_keeps_inner_whitespace_for_validation_to_refuse()
    {
        var normalized = Terms(symbol: " brk b ").Normalize();

        Assert.Equal("BRK B", normalized.Symbol);
        Assert.True(OrderTerms.Validate(normalized).ContainsKey("symbol"));
    }
}
