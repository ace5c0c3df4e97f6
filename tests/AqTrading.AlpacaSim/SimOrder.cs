using System.Globalization;

namespace AqTrading.AlpacaSim;

/// <summary>An order as the simulated Alpaca keeps it; <see cref="ToJson"/> is the documented order object.</summary>
public sealed class SimOrder
{
    public required string Id { get; init; }

    public required string ClientOrderId { get; init; }

    public required string Symbol { get; init; }

    public required string Side { get; init; }

    public required string Type { get; init; }

    public required string TimeInForce { get; init; }

    public decimal Qty { get; init; }

    public decimal? LimitPrice { get; init; }

    public decimal? StopPrice { get; init; }

    public decimal FilledQty { get; set; }

    public decimal? FilledAvgPrice { get; set; }

    public string Status { get; set; } = "new";

    public bool Triggered { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FilledAt { get; set; }

    public DateTimeOffset? CanceledAt { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>Still working: it can fill or be canceled.</summary>
    public bool IsOpen => Status is "new" or "accepted" or "pending_new" or "partially_filled";

    public decimal Remaining => Qty - FilledQty;

    public Dictionary<string, object?> ToJson() => new()
    {
        ["id"] = Id,
        ["client_order_id"] = ClientOrderId,
        ["created_at"] = Time(CreatedAt),
        ["updated_at"] = Time(UpdatedAt),
        ["submitted_at"] = Time(CreatedAt),
        ["filled_at"] = Time(FilledAt),
        ["expired_at"] = Time(ExpiredAt),
        ["canceled_at"] = Time(CanceledAt),
        ["failed_at"] = Time(FailedAt),
        ["replaced_at"] = null,
        ["replaced_by"] = null,
        ["replaces"] = null,
        ["asset_id"] = AssetId(Symbol),
        ["symbol"] = Symbol,
        ["asset_class"] = "us_equity",
        ["notional"] = null,
        ["qty"] = Number(Qty),
        ["filled_qty"] = Number(FilledQty),
        ["filled_avg_price"] = Number(FilledAvgPrice),
        ["order_class"] = "",
        ["order_type"] = Type,
        ["type"] = Type,
        ["side"] = Side,
        ["time_in_force"] = TimeInForce,
        ["limit_price"] = Number(LimitPrice),
        ["stop_price"] = Number(StopPrice),
        ["status"] = Status,
        ["extended_hours"] = false,
        ["legs"] = null,
        ["trail_percent"] = null,
        ["trail_price"] = null,
        ["hwm"] = null,
    };

    /// <summary>Alpaca writes numbers as strings.</summary>
    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A stable asset UUID per symbol.</summary>
    public static string AssetId(string symbol) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(symbol))).ToString("D");
}

/// <summary>One request the simulator received (for assertions on what the adapter sent).</summary>
public sealed record SimRequest(string Method, string Path, string? Body, int Status);
