namespace AqTrading.Strategies.Engine;

/// <summary>
/// Intrabar triggering on OHLC bars, the one rule both the backtest engine and the deterministic replay fill by. The open
/// is the bar's first trade and the high and low come after it, so: an order the open already satisfies (a gap through
/// the limit or stop) fills at the open; one the bar reaches later fills at its price (limit, or stop); a stop-limit
/// triggered inside the bar fills at the stop when the stop is within the limit, otherwise it rests as a limit from the
/// next bar (after the trigger the path is unknown, so this is the conservative choice). Returned prices are model
/// prices, before slippage.
/// </summary>
public static class IntrabarMatching
{
    /// <param name="triggered">Whether a stop-limit's stop has triggered; set here when the bar triggers it.</param>
    public static decimal? Match(SignalSide side, SignalOrderType type, decimal? limitPrice, decimal? stopPrice, ref bool triggered,
        decimal open, decimal high, decimal low)
    {
        var buy = side == SignalSide.Buy;
        switch (type)
        {
            case SignalOrderType.Market:
                return open;
            case SignalOrderType.Limit:
                return Limit(buy, limitPrice!.Value, open, high, low);
            case SignalOrderType.Stop:
            {
                var stop = stopPrice!.Value;
                return buy
                    ? open >= stop ? open : high >= stop ? stop : null
                    : open <= stop ? open : low <= stop ? stop : null;
            }

            default:
            {
                var limit = limitPrice!.Value;
                if (triggered)
                {
                    return Limit(buy, limit, open, high, low);
                }

                var stop = stopPrice!.Value;
                if (buy ? open >= stop : open <= stop)
                {
                    // Triggered by the open: the rest of the bar trades as a limit order.
                    triggered = true;
                    return Limit(buy, limit, open, high, low);
                }

                if (buy ? high >= stop : low <= stop)
                {
                    triggered = true;
                    return (buy ? stop <= limit : stop >= limit) ? stop : null;
                }

                return null;
            }
        }
    }

    private static decimal? Limit(bool buy, decimal limit, decimal open, decimal high, decimal low) => buy
        ? open <= limit ? open : low <= limit ? limit : null
        : open >= limit ? open : high >= limit ? limit : null;
}
