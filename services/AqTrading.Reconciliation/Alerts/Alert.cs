namespace AqTrading.Reconciliation.Alerts;

/// <summary>
/// An operational alert. <see cref="DedupeKey"/> is unique per type: a repeat of the same fingerprint in the same
/// 10-minute bucket increments <see cref="SuppressedCount"/> instead of alerting again (recoveries are never suppressed).
/// </summary>
public sealed class Alert
{
    public Guid Id { get; init; }

    public required string Type { get; init; }

    /// <summary>1 critical (email + webhook), 2 warning (webhook), 3 info (log only).</summary>
    public int Severity { get; init; }

    public required string Fingerprint { get; init; }

    public required string DedupeKey { get; init; }

    public required string Summary { get; init; }

    public required string Details { get; init; }

    public string? AccountId { get; init; }

    public string? Symbol { get; init; }

    public string? StrategyId { get; init; }

    public int SuppressedCount { get; set; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
}

/// <summary>One delivery attempt of an alert to one destination.</summary>
public sealed class AlertDelivery
{
    public long Id { get; init; }

    public Guid AlertId { get; init; }

    /// <summary><c>email</c>, <c>webhook</c> or <c>log</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The configured destination's name (e.g. <c>webhook:default</c>), never its secret URL.</summary>
    public required string Destination { get; init; }

    public int Attempt { get; init; }

    /// <summary><c>sent</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public int? ResponseCode { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }
}
