using System.Net;
using AqTrading.Orders.Brokers;
using AqTrading.Orders.Brokers.Alpaca;
using AqTrading.Orders.Domain;

namespace AqTrading.Orders.IntegrationTests;

/// <summary>The adapter's pure parts: terms in Alpaca's words, statuses and events back, the fill ledger, settings checks.</summary>
public sealed class AlpacaMappingTests
{
    [Theory]
    [InlineData(OrderType.Market, TimeInForce.Day, "market", "day")]
    [InlineData(OrderType.Limit, TimeInForce.Gtc, "limit", "gtc")]
    [InlineData(OrderType.Stop, TimeInForce.Day, "stop", "day")]
    [InlineData(OrderType.StopLimit, TimeInForce.Gtc, "stop_limit", "gtc")]
    [InlineData(OrderType.Limit, TimeInForce.Ioc, "limit", "ioc")]
    public void Order_terms_map_to_Alpaca_values(OrderType type, TimeInForce timeInForce, string alpacaType, string alpacaTimeInForce)
    {
        var id = Guid.NewGuid();
        var request = AlpacaMapping.ToRequest(new BrokerOrder(id, "a", "AAPL", OrderSide.Sell, type, timeInForce, 3m, 10m, 9m, 1m));

        Assert.Equal(alpacaType, request.Type);
        Assert.Equal(alpacaTimeInForce, request.TimeInForce);
        Assert.Equal("sell", request.Side);
        Assert.Equal(id.ToString(), request.ClientOrderId);
        Assert.True(request.ClientOrderId.Length <= 48);
    }

    [Theory]
    [InlineData("new", OrderStatus.Submitted)]
    [InlineData("accepted", OrderStatus.Submitted)]
    [InlineData("pending_new", OrderStatus.Submitted)]
    [InlineData("done_for_day", OrderStatus.Submitted)]
    [InlineData("partially_filled", OrderStatus.PartiallyFilled)]
    [InlineData("pending_cancel", OrderStatus.CancelRequested)]
    [InlineData("filled", OrderStatus.Filled)]
    [InlineData("canceled", OrderStatus.Cancelled)]
    [InlineData("expired", OrderStatus.Expired)]
    [InlineData("rejected", OrderStatus.Rejected)]
    public void Alpaca_order_statuses_map_onto_the_lifecycle(string status, OrderStatus expected) =>
        Assert.Equal(expected, AlpacaMapping.FromStatus(status));

    [Fact]
    public void An_unknown_status_maps_to_nothing() => Assert.Null(AlpacaMapping.FromStatus("teleported"));

    [Theory]
    [InlineData("fill", AlpacaMapping.EventKind.Execution, null)]
    [InlineData("partial_fill", AlpacaMapping.EventKind.Execution, null)]
    [InlineData("new", AlpacaMapping.EventKind.Status, OrderStatus.Submitted)]
    [InlineData("canceled", AlpacaMapping.EventKind.Status, OrderStatus.Cancelled)]
    [InlineData("expired", AlpacaMapping.EventKind.Status, OrderStatus.Expired)]
    [InlineData("rejected", AlpacaMapping.EventKind.Status, OrderStatus.Rejected)]
    [InlineData("done_for_day", AlpacaMapping.EventKind.Informational, null)]
    [InlineData("pending_new", AlpacaMapping.EventKind.Informational, null)]
    [InlineData("replaced", AlpacaMapping.EventKind.Informational, null)]
    [InlineData("something_new", AlpacaMapping.EventKind.Unknown, null)]
    public void Trade_update_events_map_onto_the_lifecycle(string @event, AlpacaMapping.EventKind kind, OrderStatus? status) =>
        Assert.Equal((kind, status), AlpacaMapping.FromEvent(@event));

    [Fact]
    public void The_ledger_reports_a_streamed_execution_once()
    {
        var ledger = new AlpacaFillLedger();

        Assert.Equal(4m, ledger.TakeExecution("o", "e1", 4m, 100m, cumulative: 4m));
        Assert.Equal(0m, ledger.TakeExecution("o", "e1", 4m, 100m, cumulative: 4m));
        Assert.Equal(6m, ledger.TakeExecution("o", "e2", 6m, 101m, cumulative: 10m));
        Assert.Null(ledger.TakeMissing("o", 10m, 100.6m));
    }

    [Fact]
    public void The_ledger_recovers_what_the_stream_missed_at_its_own_price_and_then_skips_the_late_execution()
    {
        var ledger = new AlpacaFillLedger();
        ledger.TakeExecution("o", "e1", 4m, 100m, cumulative: 4m);

        var missing = ledger.TakeMissing("o", 10m, 100.6m);

        Assert.Equal((6m, 101m), missing);
        // The execution the poll already covered arrives late on the stream: nothing more to report.
        Assert.Equal(0m, ledger.TakeExecution("o", "e2", 6m, 101m, cumulative: 10m));
    }

    [Fact]
    public void A_seeded_ledger_recovers_only_beyond_what_is_already_booked()
    {
        var ledger = new AlpacaFillLedger();
        ledger.Seed("o", 4m, 400m);

        Assert.Equal((6m, 101m), ledger.TakeMissing("o", 10m, 100.6m));
    }

    [Fact]
    public void A_live_account_needs_keys_and_the_confirmation()
    {
        var options = new BrokerSelectionOptions();
        options.Accounts["main"] = new BrokerAccountOptions { Broker = "alpaca-live" };

        var result = new BrokerSelectionValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Orders:Brokers:Accounts:main:Alpaca:KeyId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Orders:Brokers:Accounts:main:Alpaca:ConfirmLiveTrading", StringComparison.Ordinal));

        options.Accounts["main"].Alpaca = new AlpacaOptions { KeyId = "k", SecretKey = "s", ConfirmLiveTrading = true };
        Assert.True(new BrokerSelectionValidation().Validate(null, options).Succeeded);
        Assert.Equal(new Uri("https://api.alpaca.markets/"), options.Accounts["main"].Alpaca.TradingUri(live: true));
        Assert.Equal(new Uri("wss://api.alpaca.markets/stream"), options.Accounts["main"].Alpaca.StreamUri(live: true));
        Assert.Equal(new Uri("wss://paper-api.alpaca.markets/stream"), options.Accounts["main"].Alpaca.StreamUri(live: false));
    }

    [Fact]
    public void An_unknown_broker_name_is_refused()
    {
        var options = new BrokerSelectionOptions();
        options.Accounts["main"] = new BrokerAccountOptions { Broker = "alpaca-demo" };

        var result = new BrokerSelectionValidation().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("alpaca-demo", StringComparison.Ordinal));
    }

    [Fact]
    public void A_429_waits_as_long_as_Alpaca_asks()
    {
        var now = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
        var time = new FixedTime(now);
        var retryAfter = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        retryAfter.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        var reset = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        reset.Headers.Add("X-RateLimit-Reset", now.AddSeconds(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(3), AlpacaRegistration.AskedDelay(retryAfter, time));
        Assert.Equal(TimeSpan.FromSeconds(2), AlpacaRegistration.AskedDelay(reset, time));
        Assert.Null(AlpacaRegistration.AskedDelay(new HttpResponseMessage(HttpStatusCode.TooManyRequests), time));
        Assert.Null(AlpacaRegistration.AskedDelay(new HttpResponseMessage(HttpStatusCode.InternalServerError), time));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
