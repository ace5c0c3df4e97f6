using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.Engine;

/// <summary>The account after the last event of one timestamp (a "slice") in the trading period. Values are doubles: analytics, not accounting.</summary>
/// <param name="LongValue">Market value of long positions at the latest closes.</param>
/// <param name="ShortValue">Market value of short positions (≤ 0).</param>
public readonly record struct EquityPoint(DateTimeOffset Time, double Equity, double Cash, double LongValue, double ShortValue)
{
    public double GrossExposure => LongValue - ShortValue;
}

/// <summary>One simulated execution.</summary>
/// <param name="ModelPrice">The fill model's price before slippage (open, close, quote side, limit or stop).</param>
public readonly record struct Execution(
    string FillId,
    Guid SignalId,
    string Symbol,
    SignalSide Side,
    decimal Quantity,
    decimal ModelPrice,
    decimal Price,
    decimal Fee,
    DateTimeOffset Time);

/// <summary>The position of a symbol after a fill changed it: positions over time, as a step function.</summary>
public readonly record struct PositionChange(DateTimeOffset Time, string Symbol, decimal Quantity, decimal AverageCost, decimal RealizedPnl);

public enum TradeDirection { Long, Short }

/// <summary>A round trip, flat to flat (a reversal closes one trip and opens the next).</summary>
/// <param name="Quantity">The largest absolute position held during the trip.</param>
/// <param name="Pnl">Realized P&amp;L net of every fee of the trip's fills; for an open trip, unrealized at the last close minus the fees so far.</param>
public readonly record struct RoundTrip(
    string Symbol,
    TradeDirection Direction,
    DateTimeOffset EntryTime,
    decimal EntryPrice,
    DateTimeOffset? ExitTime,
    decimal? ExitPrice,
    decimal Quantity,
    decimal Fees,
    decimal Pnl,
    bool IsOpen);

public enum TraceStatus { Filled, Rejected, Unfilled }

public readonly record struct PortfolioState(decimal Cash, decimal PositionQuantity, decimal? PositionAverageCost, decimal Equity);

/// <summary>
/// What happened to one signal. <paramref name="ExpectedPrice"/> is the fill model's reference before costs (the fill
/// bar's open, the signal bar's close, the quote mid, or the limit/stop price); <paramref name="SlippageBps"/> is
/// (fill − expected)/expected × 10⁴ for a buy and (expected − fill)/expected × 10⁴ for a sell, rounded half away from
/// zero to 0.01 — positive is unfavourable on both sides; null when there is no fill or no positive expected price.
/// </summary>
public readonly record struct SignalTrace(
    Guid SignalId,
    DateTimeOffset SignalTime,
    string Symbol,
    SignalSide Side,
    OrderType OrderType,
    decimal RequestedQuantity,
    decimal OrderQuantity,
    string Reason,
    Bar SignalBar,
    PortfolioState PortfolioAtSignal,
    TraceStatus Status,
    string? RejectReason,
    DateTimeOffset? FillTime,
    decimal? FillPrice,
    decimal? ExpectedPrice,
    string ExpectedPriceType,
    decimal? SlippageBps,
    decimal? Fee);

public sealed record BacktestSummary(
    decimal InitialCapital,
    decimal FinalEquity,
    decimal FinalCash,
    long BarEvents,
    int WarmupBarsRequired,
    int WarmupBarsUsed,
    int Signals,
    int SignalsDroppedInWarmup,
    int Fills,
    int Rejected);

public sealed record BacktestResult(
    BacktestSummary Summary,
    IReadOnlyList<EquityPoint> EquityCurve,
    IReadOnlyList<RoundTrip> Trades,
    IReadOnlyList<Execution> Fills,
    IReadOnlyList<PositionChange> Positions,
    IReadOnlyList<SignalTrace> Traces,
    PerformanceReport Statistics,
    BenchmarkReport? Benchmark);
