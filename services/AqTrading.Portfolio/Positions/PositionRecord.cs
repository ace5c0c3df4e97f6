using AqTrading.Portfolio.Accounting;

namespace AqTrading.Portfolio.Positions;

/// <summary>An open position as stored: one row per (account, symbol, strategy); a closed position has no row.</summary>
public sealed class PositionRecord
{
    public long Id { get; init; }

    public required string AccountId { get; init; }

    public required string Symbol { get; init; }

    /// <summary>Null for manual trades.</summary>
    public string? StrategyId { get; init; }

    public AssetType AssetType { get; init; }

    public decimal Multiplier { get; init; }

    /// <summary>Signed: negative is short.</summary>
    public decimal Quantity { get; set; }

    public decimal AverageCost { get; set; }

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Position ToPosition() => new(Symbol, AccountId, StrategyId, AssetType, Multiplier, Quantity, AverageCost);
}

/// <summary>Every fill as booked, with the realized P&amp;L and cash change it caused; realized P&amp;L is their sum.</summary>
public sealed class TransactionRecord
{
    public long Id { get; init; }

    /// <summary>The broker's execution id: unique, a second guard against booking a fill twice.</summary>
    public required string FillId { get; init; }

    public Guid OrderId { get; init; }

    public required string AccountId { get; init; }

    public required string Symbol { get; init; }

    public string? StrategyId { get; init; }

    public FillSide Side { get; init; }

    public decimal Quantity { get; init; }

    public decimal Price { get; init; }

    public decimal Fees { get; init; }

    public decimal RealizedPnl { get; init; }

    public decimal CashChange { get; init; }

    public DateTimeOffset ExecutedAt { get; init; }
}
