namespace AqTrading.Portfolio.Accounting;

/// <param name="Position">The position after the fill, or <c>null</c> when the fill left it flat.</param>
/// <param name="RealizedPnl">Realized on the closed quantity, net of the fill's fees.</param>
public sealed record FillResult(Position? Position, decimal RealizedPnl);

public static class PositionMath
{
    /// <summary>
    /// Applies one fill to the position it belongs to (<c>null</c> when there is none), by average cost:
    /// <list type="bullet">
    /// <item>opening or adding averages the cost by quantity and realizes nothing;</item>
    /// <item>reducing realizes (price − avg)·q·mult on a long and (avg − price)·q·mult on a short and keeps avg;</item>
    /// <item>closing realizes the same and returns no position;</item>
    /// <item>going through zero realizes on the closed part only and opens the remainder at the fill price.</item>
    /// </list>
    /// Fees are charged to realized P&amp;L on the fill that pays them — also on opening fills, which therefore
    /// realize −fees — rather than folded into the average cost. That keeps avg equal to the traded prices
    /// (what brokers show and reconciliation compares) and makes the sum of realized P&amp;L over every fill, with no
    /// cap on how many, the net trading result.
    /// No rounding: a weighted average can carry up to 28 significant digits; rounding belongs to storage/display.
    /// </summary>
    /// <exception cref="ArgumentException">The fill belongs to another position, or disagrees on asset type or
    /// multiplier — mixing them would value one lot at the wrong size.</exception>
    public static FillResult ApplyFill(Position? current, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (current is null)
        {
            return new FillResult(Open(fill), -fill.Fees);
        }

        EnsureSamePosition(current, fill);
        var newQuantity = current.Quantity + fill.SignedQuantity;
        var adds = Math.Sign(fill.SignedQuantity) == Math.Sign(current.Quantity);
        if (adds)
        {
            var averageCost = (Math.Abs(current.Quantity) * current.AverageCost + fill.Quantity * fill.Price)
                / Math.Abs(newQuantity);
            return new FillResult(current with { Quantity = newQuantity, AverageCost = averageCost }, -fill.Fees);
        }

        var closed = Math.Min(fill.Quantity, Math.Abs(current.Quantity));
        // (price − avg) per unit for a long; the short's (avg − price) is the same with the sign of the position.
        var realized = (fill.Price - current.AverageCost) * closed * Math.Sign(current.Quantity) * current.Multiplier
            - fill.Fees;

        var after = newQuantity == 0m
            ? null
            : Math.Sign(newQuantity) == Math.Sign(current.Quantity)
                ? current with { Quantity = newQuantity }
                : current with { Quantity = newQuantity, AverageCost = fill.Price };
        return new FillResult(after, realized);
    }

    private static Position Open(Fill fill) =>
        new(fill.Symbol, fill.AccountId, fill.StrategyId, fill.AssetType, fill.Multiplier, fill.SignedQuantity, fill.Price);

    private static void EnsureSamePosition(Position current, Fill fill)
    {
        if (current.AccountId != fill.AccountId || current.Symbol != fill.Symbol || current.StrategyId != fill.StrategyId)
        {
            throw new ArgumentException(
                $"The fill is for {fill.AccountId}/{fill.Symbol}/{fill.StrategyId ?? "manual"}, " +
                $"not position {current.AccountId}/{current.Symbol}/{current.StrategyId ?? "manual"}.", nameof(fill));
        }

        if (current.AssetType != fill.AssetType || current.Multiplier != fill.Multiplier)
        {
            throw new ArgumentException(
                $"The fill says {fill.AssetType} x{fill.Multiplier} but the position is {current.AssetType} x{current.Multiplier}.",
                nameof(fill));
        }
    }
}
