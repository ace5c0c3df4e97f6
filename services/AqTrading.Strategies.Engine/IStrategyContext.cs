using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Engine;

/// <summary>What a strategy may read; it cannot change anything through it.</summary>
public interface IStrategyContext
{
    string StrategyId { get; }

    string AccountId { get; }

    /// <summary>The strategy clock: the time of the event being processed (a bar's end, a quote's time, a fill's time).</summary>
    DateTimeOffset Now { get; }

    /// <summary>The strategy's own position in <paramref name="symbol"/>, or null when flat.</summary>
    StrategyPosition? GetPosition(string symbol);

    /// <summary>The strategy's open positions (fills of other strategies are not included).</summary>
    IReadOnlyList<StrategyPosition> Positions { get; }

    /// <summary>The latest quote seen for the symbol, or null.</summary>
    Quote? GetQuote(string symbol);

    /// <summary>Realized P&amp;L from the strategy's fills (net of fees) plus unrealized P&amp;L at the latest marks.</summary>
    StrategyPnl Pnl { get; }

    /// <summary>The most recent bars of the symbol, oldest first, the current one last (at most <see cref="HistoryCapacity"/>).</summary>
    IReadOnlyList<Bar> History(string symbol);

    int HistoryCapacity { get; }
}

/// <param name="Quantity">Signed: positive long, negative short.</param>
/// <param name="Mark">The latest quote mid, else the latest bar close; null when neither was seen.</param>
public sealed record StrategyPosition(
    string Symbol,
    decimal Quantity,
    decimal AverageCost,
    decimal RealizedPnl,
    decimal? Mark,
    decimal UnrealizedPnl);

public sealed record StrategyPnl(decimal Realized, decimal Unrealized, decimal Fees)
{
    public decimal Total => Realized + Unrealized;
}
