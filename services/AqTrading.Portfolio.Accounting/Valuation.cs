namespace AqTrading.Portfolio.Accounting;

/// <summary>A position with the price it is marked at (the quote mid, as the portfolio service reads it).</summary>
public sealed record MarkedPosition(Position Position, decimal Mark)
{
    public decimal MarketValue => Valuation.MarketValue(Position, Mark);

    public decimal UnrealizedPnl => Valuation.UnrealizedPnl(Position, Mark);
}

/// <summary>
/// Values positions at their marks. "Market value" is signed notional, qty·price·mult, for every asset type; for a
/// future that is exposure, not money the account holds — see <see cref="AccountMath.Equity"/>.
/// </summary>
public static class Valuation
{
    /// <summary>Negative for a short.</summary>
    public static decimal MarketValue(Position position, decimal mark)
    {
        ArgumentNullException.ThrowIfNull(position);
        return position.Quantity * mark * position.Multiplier;
    }

    /// <summary>(mark − avg)·qty·mult: the signed quantity makes a short gain when the mark falls.</summary>
    public static decimal UnrealizedPnl(Position position, decimal mark)
    {
        ArgumentNullException.ThrowIfNull(position);
        return (mark - position.AverageCost) * position.Quantity * position.Multiplier;
    }

    /// <summary>Σ|market value|: how much is at risk, longs and shorts both counting.</summary>
    public static decimal GrossExposure(IEnumerable<MarkedPosition> positions) =>
        positions.Sum(p => Math.Abs(p.MarketValue));

    /// <summary>Σ market value: shorts offset longs.</summary>
    public static decimal NetExposure(IEnumerable<MarkedPosition> positions) => positions.Sum(p => p.MarketValue);

    /// <summary>
    /// Net market value of one symbol summed across strategies (and manual trades), because risk limits apply to
    /// what the account holds, not to what each strategy holds. Zero when nothing holds the symbol.
    /// </summary>
    public static decimal Exposure(IEnumerable<MarkedPosition> positions, string symbol) =>
        positions.Where(p => p.Position.Symbol == symbol).Sum(p => p.MarketValue);

    /// <summary><see cref="Exposure"/> for every symbol held, in one pass.</summary>
    public static IReadOnlyDictionary<string, decimal> ExposureBySymbol(IEnumerable<MarkedPosition> positions) =>
        positions.GroupBy(p => p.Position.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.MarketValue), StringComparer.Ordinal);
}
