using AqTrading.Strategies.Engine;

namespace AqTrading.Strategies.Signals;

/// <summary>What the order of a signal became, as stored with the signal.</summary>
public static class SignalOrderStatus
{
    /// <summary>Stored, not yet answered by the orders service.</summary>
    public const string Submitting = "submitting";

    /// <summary>The orders service refused the request (400): the message says why.</summary>
    public const string Invalid = "invalid";

    /// <summary>The orders service could not be reached after the retries: the message says why.</summary>
    public const string SendFailed = "send_failed";
}

/// <summary>A signal a running strategy sent, with the order it became (<see cref="OrderStatus"/> is the order's status at submission).</summary>
public sealed class SignalRecord
{
    public Guid Id { get; init; }

    /// <summary>Insertion order: newest first is descending sequence.</summary>
    public long Sequence { get; init; }

    public required string StrategyId { get; init; }

    public required string Symbol { get; init; }

    public SignalSide Side { get; init; }

    public decimal Quantity { get; init; }

    public SignalOrderType OrderType { get; init; }

    public decimal? LimitPrice { get; init; }

    public decimal? StopPrice { get; init; }

    public required string Reason { get; init; }

    /// <summary>The strategy clock at the signal (the end of the bar it reacted to).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>JSON object of factor name → score.</summary>
    public string FactorScores { get; init; } = "{}";

    public Guid? OrderId { get; set; }

    public string? OrderStatus { get; set; }

    public string? RejectCode { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
