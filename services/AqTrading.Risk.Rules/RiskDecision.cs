namespace AqTrading.Risk.Rules;

/// <summary>
/// The verdict on one order. A rejection carries a stable snake_case <see cref="ReasonCode"/> (users script
/// against it) and a sentence for a trader. <see cref="HaltReason"/> is set when the order revealed a loss-limit
/// breach: the caller must halt trading.
/// </summary>
public sealed record RiskDecision(
    bool Approved,
    string? ReasonCode,
    string? Message,
    IReadOnlyList<string> ChecksPassed,
    string? HaltReason = null)
{
    public static RiskDecision Approve(IReadOnlyList<string> checks) => new(true, null, null, checks);
}

/// <summary>Exposure already promised to orders that risk approved and that have not filled, cancelled or been rejected.</summary>
/// <param name="Gross">Σ notional of working orders that add exposure, for the account.</param>
/// <param name="BuyNotional">Σ notional of working buys, for the account (buying power).</param>
/// <param name="SymbolQuantity">Signed working quantity of the order's symbol, for the account.</param>
/// <param name="NewPositions">Working orders that each open a new position.</param>
public readonly record struct ReservedExposure(decimal Gross, decimal BuyNotional, decimal SymbolQuantity, int NewPositions);

/// <summary>Everything one decision reads, gathered before it is made.</summary>
public sealed record RiskContext(
    TradingStatus Trading,
    IReadOnlySet<string> PausedStrategies,
    decimal Bias,
    AccountSnapshot? Account,
    ReservedExposure Reserved = default);

/// <summary>A further check after the built-in ones (the Greeks gate plugs in here).</summary>
public interface IRiskCheck
{
    string Name { get; }

    /// <returns>null when the order passes, otherwise (reason code, message).</returns>
    (string ReasonCode, string Message)? Evaluate(OrderIntent intent, RiskContext context);
}
