namespace AqTrading.Portfolio.Accounting;

/// <summary>
/// Cash and equity. Equities and options are paid for in full, so buying moves their notional out of cash and
/// into market value. A future costs nothing to enter (margin is collateral, not a payment): its notional never
/// passes through cash, and what it is worth to the account is its gain or loss since entry. Hence futures add
/// unrealized P&amp;L to equity, not market value, and settle realized P&amp;L into cash when reduced.
/// Simplification: no daily variation-margin settlement is modelled. If cash ever comes from a broker that
/// settles futures daily, futures' unrealized P&amp;L must be measured from the last settlement price instead.
/// </summary>
public static class AccountMath
{
    /// <summary>cash + Σ market value for equities and options + Σ unrealized P&amp;L for futures.</summary>
    public static decimal Equity(decimal cash, IEnumerable<MarkedPosition> positions) =>
        cash + positions.Sum(p => p.Position.AssetType == AssetType.Future ? p.UnrealizedPnl : p.MarketValue);

    /// <summary>
    /// Equity now minus equity at the start of the day, less money deposited since (withdrawals negative), so that a
    /// transfer is not reported as trading profit.
    /// </summary>
    public static decimal DayPnl(decimal equity, decimal startOfDayEquity, decimal netDepositsToday = 0m) =>
        equity - startOfDayEquity - netDepositsToday;

    /// <summary>
    /// How a fill moves cash. Equities and options: −signed qty·price·mult − fees (a buy pays, a sell receives).
    /// Futures: no notional changes hands, so opening or adding moves only the fees; reducing or closing settles the
    /// realized P&amp;L, which <see cref="PositionMath.ApplyFill"/> already reports net of fees. Without that
    /// settlement a closed future's gain would vanish from equity the moment it stopped being unrealized.
    /// </summary>
    /// <param name="current">The position before the fill; only futures need it.</param>
    public static decimal CashChange(Position? current, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return fill.AssetType == AssetType.Future
            ? PositionMath.ApplyFill(current, fill).RealizedPnl
            : -fill.SignedQuantity * fill.Price * fill.Multiplier - fill.Fees;
    }
}
