namespace AqTrading.Agents.Abstractions.Tools;

/// <summary>
/// The tools a worker may call. Each reads or writes one resource of the permission matrix
/// (<see cref="Permissions.PermissionMatrix"/>); the dispatcher executes them, never the worker.
/// </summary>
public static class ToolNames
{
    /// <summary><c>{symbol}</c> → the latest quote.</summary>
    public const string MarketQuote = "market.quote";

    /// <summary><c>{symbol, resolution: "1d"|"1m", last}</c> → the most recent bars, ascending.</summary>
    public const string MarketBars = "market.bars";

    /// <summary><c>{symbol, resolution, lookback}</c> → realised volatility of the bars and its regime.</summary>
    public const string MarketVolatilityRegime = "market.volatility_regime";

    /// <summary><c>{accountId}</c> → equity, peak equity, day P&amp;L, drawdown and positions.</summary>
    public const string PortfolioSnapshot = "portfolio.snapshot";

    /// <summary><c>{run: &lt;backtest run body&gt;}</c> → the completed backtest job (submitted and polled until terminal).</summary>
    public const string BacktestRun = "backtest.run";

    /// <summary><c>{base: &lt;run body&gt;, grid, metric}</c> → the completed walk-forward job.</summary>
    public const string BacktestWalkForward = "backtest.walk_forward";

    /// <summary><c>{id}</c> → one backtest job as it stands.</summary>
    public const string BacktestJob = "backtest.job";

    /// <summary><c>{status?, severity?}</c> → reconciliation discrepancies.</summary>
    public const string ReconciliationDiscrepancies = "reconciliation.discrepancies";

    /// <summary><c>{limit?}</c> → the latest reconciliation runs.</summary>
    public const string ReconciliationRuns = "reconciliation.runs";

    /// <summary><c>{key, value, ttlSeconds?}</c> → a validated write of one Redis key (<see cref="Writes.RedisWriteRules"/>).</summary>
    public const string RedisWrite = "redis.write";

    public static readonly IReadOnlyList<string> All =
    [
        MarketQuote, MarketBars, MarketVolatilityRegime, PortfolioSnapshot, BacktestRun, BacktestWalkForward, BacktestJob,
        ReconciliationDiscrepancies, ReconciliationRuns, RedisWrite,
    ];
}
