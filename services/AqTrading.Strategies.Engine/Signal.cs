namespace AqTrading.Strategies.Engine;

public enum SignalSide { Buy, Sell }

/// <summary>
/// Market fills now; limit rests until the price is at or better than the limit; stop becomes a market order once the
/// price trades through the stop (a buy stop above the market, a sell stop below); stop-limit becomes a limit order then.
/// </summary>
public enum SignalOrderType { Market, Limit, Stop, StopLimit }

/// <summary>
/// What a strategy wants to trade. The runner turns it into an order (live: through the orders service; backtest: the
/// simulated fill model). <see cref="Id"/> is assigned by <see cref="StrategyDriver"/> and is deterministic (strategy,
/// symbol, time, ordinal), so the same bar sequence yields the same signal ids on every path and a retried submission
/// can use it as the order's idempotency key.
/// </summary>
/// <param name="Time">The strategy clock when the signal was made: the end of the bar (or the quote time) it reacted to.</param>
/// <param name="FactorScores">The scores that led to the signal, for attribution (empty when the strategy has none).</param>
/// <param name="StopPrice">The trigger of a stop or stop-limit signal; null for market and limit.</param>
public sealed record Signal(
    Guid Id,
    string StrategyId,
    string Symbol,
    SignalSide Side,
    decimal Quantity,
    SignalOrderType OrderType,
    decimal? LimitPrice,
    string Reason,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, double> FactorScores,
    decimal? StopPrice = null);

/// <summary>An execution of one of the strategy's orders, as the strategy sees it.</summary>
/// <param name="OrderId">The order the fill belongs to (null when unknown).</param>
public sealed record StrategyFill(
    string FillId,
    Guid? OrderId,
    string Symbol,
    SignalSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fees,
    DateTimeOffset Time);
