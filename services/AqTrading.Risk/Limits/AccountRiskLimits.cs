using AqTrading.Risk.Rules;

namespace AqTrading.Risk.Limits;

/// <summary>An account's limits as stored (one row per account; accounts without a row use the defaults).</summary>
public sealed class AccountRiskLimits
{
    public required string AccountId { get; init; }

    public required RiskLimitsDocument Limits { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

/// <summary>The editable limits (the API body and the stored JSON).</summary>
public sealed record RiskLimitsDocument(
    decimal MaxPositionValue,
    decimal MaxPositionPct,
    decimal MaxQuantityPerOrder,
    int MaxPositions,
    decimal MaxExposurePct,
    decimal DailyLossLimit,
    decimal MaxDrawdownPct,
    string[] BlockedSymbols,
    string[] AllowedSymbols)
{
    public static RiskLimitsDocument From(RiskLimits limits) => new(limits.MaxPositionValue, limits.MaxPositionPct,
        limits.MaxQuantityPerOrder, limits.MaxPositions, limits.MaxExposurePct, limits.DailyLossLimit, limits.MaxDrawdownPct,
        [.. limits.BlockedSymbols.Order(StringComparer.Ordinal)], [.. limits.AllowedSymbols.Order(StringComparer.Ordinal)]);

    public RiskLimits ToLimits() => new()
    {
        MaxPositionValue = MaxPositionValue,
        MaxPositionPct = MaxPositionPct,
        MaxQuantityPerOrder = MaxQuantityPerOrder,
        MaxPositions = MaxPositions,
        MaxExposurePct = MaxExposurePct,
        DailyLossLimit = DailyLossLimit,
        MaxDrawdownPct = MaxDrawdownPct,
        BlockedSymbols = Symbols(BlockedSymbols),
        AllowedSymbols = Symbols(AllowedSymbols),
    };

    private static HashSet<string> Symbols(string[]? symbols) =>
        new((symbols ?? []).Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0), StringComparer.OrdinalIgnoreCase);
}
