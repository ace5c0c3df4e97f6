using AqTrading.Orders.Domain;

namespace AqTrading.Orders.Close;

public enum CloseStatus
{
    /// <summary>A closing order is working.</summary>
    Working,

    /// <summary>The last closing order ended with part of the position still open; another will be sent.</summary>
    Retryable,

    Completed,

    Failed,
}

/// <summary>
/// A request to close one position (account × symbol × strategy) completely: one market order, and more for what a
/// partial fill leaves, up to <see cref="MaxRetries"/> retries. At most one is working per position.
/// </summary>
public sealed class CloseRequest
{
    public const int MaxRetries = 3;

    public Guid Id { get; init; }

    public required string AccountId { get; init; }

    public required string Symbol { get; init; }

    public string? StrategyId { get; init; }

    public required string IdempotencyKey { get; init; }

    public OrderSide Side { get; init; }

    public required string AssetClass { get; init; }

    public decimal Multiplier { get; init; }

    public decimal TargetQuantity { get; init; }

    public decimal FilledQuantity { get; set; }

    public CloseStatus Status { get; set; }

    public int RetryCount { get; set; }

    /// <summary>The order working for this close now (null between a partial fill and the retry).</summary>
    public Guid? CurrentOrderId { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public decimal RemainingQuantity => TargetQuantity - FilledQuantity;

    /// <summary>One of its orders reached a final status having filled <paramref name="filled"/>.</summary>
    public void OrderFinished(Guid orderId, decimal filled, string? rejectCode, DateTimeOffset now)
    {
        if (CurrentOrderId != orderId)
        {
            return;
        }

        FilledQuantity += filled;
        CurrentOrderId = null;
        UpdatedAt = now;
        if (RemainingQuantity <= 0)
        {
            Status = CloseStatus.Completed;
            CompletedAt = now;
        }
        else if (filled == 0 && rejectCode is not null || RetryCount >= MaxRetries)
        {
            // A rejection will not go better on retry (halted, limits); nor will a fourth partial.
            Status = CloseStatus.Failed;
            FailureReason = rejectCode ?? $"still {RemainingQuantity} open after {RetryCount} retries";
            CompletedAt = now;
        }
        else
        {
            Status = CloseStatus.Retryable;
        }
    }
}
