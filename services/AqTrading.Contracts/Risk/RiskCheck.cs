namespace AqTrading.Contracts.Risk;

/// <summary>The body of <c>POST /api/risk/check</c>: an order about to go to a broker.</summary>
/// <param name="Price">Exposure is measured at this price: the limit price, or the current quote for a market order.</param>
/// <param name="Purpose"><c>flatten</c> for the kill switch's closing orders, which pass a halt (and nothing else) when
/// they only reduce a position; null for ordinary orders.</param>
public sealed record RiskCheckRequest(
    Guid OrderId,
    string AccountId,
    string? StrategyId,
    string Symbol,
    string Side,
    decimal Quantity,
    decimal Price,
    decimal Multiplier,
    string? Purpose = null)
{
    public const string FlattenPurpose = "flatten";
}

/// <summary>Risk's decision; on approval the order's exposure is reserved until it completes.</summary>
/// <param name="Warnings">Approved with reservations, e.g. Greeks stale or unavailable so the Greeks limits were not checked.</param>
public sealed record RiskCheckResponse(
    bool Approved,
    string? ReasonCode,
    string? Message,
    IReadOnlyList<string> ChecksPassed,
    decimal Bias,
    IReadOnlyList<string>? Warnings = null);
