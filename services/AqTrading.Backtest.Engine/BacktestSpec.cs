using AqTrading.MarketData.Core.Import;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.Engine;

/// <summary>When a market order fills.</summary>
public enum FillModel
{
    /// <summary>At the open of the symbol's next bar (the default: a signal made on a bar's close cannot trade at that close).</summary>
    NextBarOpen,

    /// <summary>At the close of the bar that produced the signal (optimistic; for comparison).</summary>
    BarClose,

    /// <summary>At the first quote of the symbol at or after the signal: buy at the ask, sell at the bid. Without a quote
    /// before the symbol's next bar the order falls back to that bar's open.</summary>
    Quote,
}

/// <summary><see cref="Cash"/>: long only, a buy needs the cash. <see cref="Margin"/>: shorts allowed, gross exposure up to
/// <see cref="AccountModel.MaxLeverage"/> × equity.</summary>
public enum AccountType { Cash, Margin }

public sealed record AccountModel(AccountType Type = AccountType.Cash, decimal MaxLeverage = 2m)
{
    public static AccountModel CashAccount { get; } = new();

    /// <summary>A Reg T style margin account (initial requirement 50 %, i.e. leverage 2).</summary>
    public static AccountModel MarginAccount(decimal maxLeverage = 2m) => new(AccountType.Margin, maxLeverage);
}

/// <summary>
/// How a signal's quantity becomes an order quantity. <see cref="FixedQuantity"/> trades what the strategy asked for.
/// <see cref="EquityFraction"/> turns the signal's direction into a target position worth
/// <c>Fraction × equity × (1 − CashBuffer)</c> at the signal bar's close (whole shares, rounded down): a buy targets that
/// long (covering a short first when the strategy asked for more than the short), a sell exits a long, or — when the
/// strategy asked for more than the long, or was flat — targets the same size short.
/// </summary>
public sealed record PositionSizing(decimal Fraction = 0m, decimal CashBuffer = 0m)
{
    public static PositionSizing FixedQuantity { get; } = new();

    public bool IsFixed => Fraction <= 0m;

    public static PositionSizing EquityFraction(decimal fraction, decimal cashBuffer = 0.02m)
    {
        if (fraction is <= 0m or > 10m || cashBuffer is < 0m or >= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), "The fraction must be in (0, 10] and the cash buffer in [0, 1).");
        }

        return new PositionSizing(fraction, cashBuffer);
    }
}

/// <summary>Everything a run depends on besides the bars. Same spec and same bars give byte-identical results.</summary>
/// <param name="Strategy">A fresh strategy instance (its <see cref="Strategy.OnStart"/> resets it; do not share it between concurrent runs).</param>
/// <param name="Start">Bars starting at or after this instant are traded; the strategy's warm-up bars come from before it.</param>
/// <param name="End">Bars ending after this instant are not used.</param>
/// <param name="BenchmarkSymbol">Buy-and-hold of this symbol is the benchmark (null: none).</param>
/// <param name="FactorRows">Split/dividend factor rows per symbol: bars of those symbols are adjusted (LEAN factor files);
/// symbols without rows are used as given (raw, or already adjusted by the caller).</param>
public sealed record BacktestSpec(
    Strategy Strategy,
    DateTimeOffset Start,
    DateTimeOffset End,
    decimal InitialCapital = 100_000m,
    FillModel FillModel = FillModel.NextBarOpen,
    SlippageModel? Slippage = null,
    FeeModel? Fees = null,
    AccountModel? Account = null,
    PositionSizing? Sizing = null,
    string? BenchmarkSymbol = "SPY",
    IReadOnlyDictionary<string, IReadOnlyList<FactorRow>>? FactorRows = null,
    string AccountId = "backtest")
{
    public SlippageModel SlippageOrDefault => Slippage ?? SlippageModel.FixedBps(5m);

    public FeeModel FeesOrDefault => Fees ?? FeeModel.PerShare(0.005m);

    public AccountModel AccountOrDefault => Account ?? AccountModel.CashAccount;

    public PositionSizing SizingOrDefault => Sizing ?? PositionSizing.FixedQuantity;
}

/// <summary>A spec or its data cannot be run (for example a warm-up shortfall); the message says what to change.</summary>
public sealed class BacktestException(string message) : Exception(message);
