using AqTrading.Strategies.Engine;

namespace AqTrading.Strategies.Fills;

/// <summary>A fill of one of a strategy's orders, kept so a restarted strategy gets its positions and P&amp;L back.</summary>
public sealed class StrategyFillRecord
{
    public required string FillId { get; init; }

    public required string StrategyId { get; init; }

    public Guid OrderId { get; init; }

    public required string Symbol { get; init; }

    public SignalSide Side { get; init; }

    public decimal Quantity { get; init; }

    public decimal Price { get; init; }

    public decimal Fees { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public StrategyFill ToFill() => new(FillId, OrderId, Symbol, Side, Quantity, Price, Fees, OccurredAt);
}
