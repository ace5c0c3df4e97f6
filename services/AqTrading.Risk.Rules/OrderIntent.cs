namespace AqTrading.Risk.Rules;

public enum Side
{
    Buy,
    Sell,
}

/// <summary>What an order would do, as risk sees it.</summary>
/// <param name="Price">The price exposure is measured at: the limit price, or the current quote for a market order.</param>
/// <param name="Multiplier">Contract multiplier: 1 for equities, 100 for US equity options, per contract for futures.</param>
public sealed record OrderIntent(
    string OrderId,
    string AccountId,
    string? StrategyId,
    string Symbol,
    Side Side,
    decimal Quantity,
    decimal Price,
    decimal Multiplier = 1m)
{
    public decimal Notional => Quantity * Price * Multiplier;

    /// <summary>Signed change to the position: positive for a buy.</summary>
    public decimal SignedQuantity => Side == Side.Buy ? Quantity : -Quantity;
}

/// <summary>One open position as the portfolio reports it.</summary>
public sealed record PositionSnapshot(string Symbol, string? StrategyId, decimal Quantity, decimal MarketValue);

/// <summary>The account as risk needs it for one decision.</summary>
public sealed record AccountSnapshot(
    string AccountId,
    decimal Equity,
    decimal BuyingPower,
    decimal DayPnl,
    decimal PeakEquity,
    IReadOnlyList<PositionSnapshot> Positions)
{
    /// <summary>Net quantity of a symbol across strategies.</summary>
    public decimal NetQuantity(string symbol)
    {
        var total = 0m;
        foreach (var position in Positions)
        {
            if (string.Equals(position.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
            {
                total += position.Quantity;
            }
        }

        return total;
    }

    public decimal GrossExposure()
    {
        var total = 0m;
        foreach (var position in Positions)
        {
            total += Math.Abs(position.MarketValue);
        }

        return total;
    }

    public bool HasPosition(string symbol, string? strategyId)
    {
        foreach (var position in Positions)
        {
            if (position.Quantity != 0
                && string.Equals(position.Symbol, symbol, StringComparison.OrdinalIgnoreCase)
                && string.Equals(position.StrategyId, strategyId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
