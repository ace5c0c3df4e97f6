namespace AqTrading.Derivatives.Expirations;

/// <summary>
/// One thing done to a position because its contract expired or was assigned early — the audit trail of expiration
/// processing. <see cref="BookingId"/> is unique: processing the same date twice, or the same notice twice, books
/// nothing twice (the portfolio applies a booking id once as well).
/// </summary>
public sealed class ExpirationAction
{
    public Guid Id { get; init; }

    /// <summary>Deterministic: <c>expiry:{account}:{strategy}:{symbol}:{date}</c> or <c>assignment:{noticeId}</c>.</summary>
    public required string BookingId { get; init; }

    public required string AccountId { get; init; }

    public string? StrategyId { get; init; }

    public required string Symbol { get; init; }

    /// <summary><c>option</c> or <c>future</c>.</summary>
    public required string ContractType { get; init; }

    public required string Underlying { get; init; }

    public DateOnly Expiry { get; init; }

    /// <summary>
    /// <c>expired_worthless</c>, <c>exercised</c>, <c>assigned</c>, <c>early_assignment</c>, <c>futures_settled</c> or
    /// <c>futures_unrolled</c> (a future still held at its expiry: flagged, settled at the underlying's price).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>Contracts affected, signed as held (negative: short).</summary>
    public decimal Quantity { get; init; }

    public decimal? Strike { get; init; }

    /// <summary>The price moneyness or settlement was decided at.</summary>
    public decimal? UnderlyingPrice { get; init; }

    /// <summary>Shares delivered into the account (signed; 0 when nothing was delivered).</summary>
    public decimal ShareQuantity { get; init; }

    public decimal CashChange { get; init; }

    /// <summary><c>booked</c> (the portfolio applied it) or <c>failed</c> (see <see cref="Detail"/>; retried next run).</summary>
    public required string Status { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>An expiry date whose processing completed (the hosted service's memory).</summary>
public sealed class ExpiryRun
{
    public DateOnly Date { get; init; }

    public int Actions { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
