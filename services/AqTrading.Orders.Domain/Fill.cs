namespace AqTrading.Orders.Domain;

/// <summary>One execution reported by the broker.</summary>
/// <param name="FillId">The broker's unique trade id (Futu deal_id, Tiger exec_id); the key for idempotency.</param>
public sealed record Fill(string FillId, decimal Quantity, decimal Price, DateTimeOffset Time);

public enum FillOutcome { Applied, DuplicateIgnored, Rejected }

/// <summary>What <see cref="OrderState.ApplyFill"/> did. A rejection carries a stable snake_case reason code and a sentence.</summary>
public sealed record FillResult(FillOutcome Outcome, string? ReasonCode = null, string? Message = null)
{
    public static readonly FillResult Applied = new(FillOutcome.Applied);

    public static readonly FillResult DuplicateIgnored = new(FillOutcome.DuplicateIgnored);

    public static FillResult Rejected(string reasonCode, string message) => new(FillOutcome.Rejected, reasonCode, message);
}
