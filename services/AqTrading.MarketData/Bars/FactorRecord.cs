namespace AqTrading.MarketData.Bars;

/// <summary>One imported LEAN factor-file row of a symbol (table <c>factor_rows</c>), for <c>adjusted=true</c> history.</summary>
public sealed class FactorRecord
{
    public required string Symbol { get; init; }

    public DateOnly Date { get; init; }

    public decimal PriceFactor { get; init; }

    public decimal SplitFactor { get; init; }

    public decimal ReferencePrice { get; init; }
}
