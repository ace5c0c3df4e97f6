using System.Text.Json;
using System.Text.Json.Serialization;

namespace AqTrading.Orders.Brokers.Alpaca;

// The Trading API's JSON, with Alpaca's own field names (snake_case) and values. Alpaca sends quantities and prices
// as strings ("qty": "100", "price": "179.08"); they are read into decimal and written back as strings.

/// <summary>The body of <c>POST /v2/orders</c>.</summary>
public sealed record AlpacaOrderRequest(
    string Symbol, decimal Qty, string Side, string Type, string TimeInForce, decimal? LimitPrice, decimal? StopPrice, string ClientOrderId);

/// <summary>The order object of the REST API and of trade_updates events (the fields the adapter uses).</summary>
public sealed record AlpacaOrder(
    string Id, string ClientOrderId, string Symbol, string Side, string Type, string TimeInForce, decimal? Qty, decimal FilledQty,
    decimal? FilledAvgPrice, decimal? LimitPrice, decimal? StopPrice, string Status, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);

/// <summary>An element of <c>GET /v2/positions</c>.</summary>
public sealed record AlpacaPosition(string Symbol, decimal Qty, decimal AvgEntryPrice, string? Side);

/// <summary><c>GET /v2/account</c> (the fields reconciliation compares).</summary>
public sealed record AlpacaAccount(string Id, string? AccountNumber, string? Status, decimal Cash, decimal BuyingPower, decimal? Equity);

/// <summary>The error body of a 4xx answer: <c>{"code": 40010001, "message": "client_order_id must be unique"}</c>.</summary>
public sealed record AlpacaError(long? Code, string? Message);

/// <summary>The <c>data</c> of a trade_updates message.</summary>
public sealed record AlpacaTradeUpdate(
    string Event, AlpacaOrder Order, DateTimeOffset? Timestamp, string? ExecutionId, decimal? Price, decimal? Qty, decimal? PositionQty);

public static class AlpacaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
