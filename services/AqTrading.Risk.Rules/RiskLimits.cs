namespace AqTrading.Risk.Rules;

/// <summary>
/// Pre-trade limits for one account. Defaults are the reference implementation's (risk.yaml): its code values,
/// not the larger numbers of its design notes.
/// </summary>
public sealed record RiskLimits
{
    /// <summary>Largest position notional (|quantity| × price × multiplier), scaled by risk bias.</summary>
    public decimal MaxPositionValue { get; init; } = 10_000m;

    /// <summary>Largest position as a percentage of equity, scaled by risk bias.</summary>
    public decimal MaxPositionPct { get; init; } = 5m;

    /// <summary>Largest quantity in one order, scaled by risk bias (rounded down).</summary>
    public decimal MaxQuantityPerOrder { get; init; } = 500m;

    /// <summary>Most open positions (symbol × strategy) at once.</summary>
    public int MaxPositions { get; init; } = 20;

    /// <summary>Gross exposure (Σ |market value|) as a percentage of equity.</summary>
    public decimal MaxExposurePct { get; init; } = 80m;

    /// <summary>A day's loss beyond this halts trading.</summary>
    public decimal DailyLossLimit { get; init; } = 1_000m;

    /// <summary>A drawdown from peak equity beyond this percentage halts trading.</summary>
    public decimal MaxDrawdownPct { get; init; } = 10m;

    /// <summary>Never traded; wins over <see cref="AllowedSymbols"/>.</summary>
    public IReadOnlySet<string> BlockedSymbols { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When not empty, the only symbols that may be traded.</summary>
    public IReadOnlySet<string> AllowedSymbols { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Field-by-field validation (camelCase field names); empty when the limits are usable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Positive(string field, decimal value)
        {
            if (value <= 0)
            {
                errors[field] = ["Must be greater than zero."];
            }
        }

        void Percentage(string field, decimal value)
        {
            if (value is <= 0 or > 100)
            {
                errors[field] = ["Must be a percentage above 0 and at most 100."];
            }
        }

        Positive("maxPositionValue", MaxPositionValue);
        Percentage("maxPositionPct", MaxPositionPct);
        Positive("maxQuantityPerOrder", MaxQuantityPerOrder);
        if (MaxPositions <= 0)
        {
            errors["maxPositions"] = ["Must be at least 1."];
        }

        // Gross exposure may exceed 100 % on a margin account.
        if (MaxExposurePct is <= 0 or > 1_000)
        {
            errors["maxExposurePct"] = ["Must be above 0 and at most 1000."];
        }

        Positive("dailyLossLimit", DailyLossLimit);
        Percentage("maxDrawdownPct", MaxDrawdownPct);
        var both = BlockedSymbols.Where(AllowedSymbols.Contains).ToList();
        if (both.Count > 0)
        {
            errors["blockedSymbols"] = [$"Both blocked and allowed: {string.Join(", ", both)}."];
        }

        return errors;
    }
}
