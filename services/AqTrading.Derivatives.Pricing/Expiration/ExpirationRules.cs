using AqTrading.Derivatives.Pricing.Options;

namespace AqTrading.Derivatives.Pricing.Expiration;

/// <summary>What happens to an option position at expiry.</summary>
public enum ExpirationOutcome
{
    /// <summary>Out of (or at) the money: the contract lapses, no shares change hands.</summary>
    ExpiredWorthless = 0,

    /// <summary>A long position in the money: we exercise.</summary>
    Exercised = 1,

    /// <summary>A short position in the money: we are assigned.</summary>
    Assigned = 2,
}

/// <summary>
/// The settlement of an option position: <see cref="ShareQuantity"/> signed (positive: shares bought), at
/// <see cref="Strike"/>; <see cref="CashChange"/> = −strike × shares (the cash a buy pays, a sell receives).
/// </summary>
public sealed record OptionSettlement(ExpirationOutcome Outcome, decimal ShareQuantity, decimal Strike, decimal CashChange)
{
    /// <summary>"buy" or "sell" for the share leg, or null when nothing is delivered.</summary>
    public string? ShareSide => ShareQuantity > 0 ? "buy" : ShareQuantity < 0 ? "sell" : null;
}

/// <summary>
/// Physical settlement of equity options (OCC rules, simplified: every in-the-money contract is exercised, none at the
/// money). In the money: a call when S &gt; K, a put when S &lt; K — at the money is not. A long call or a short put
/// takes delivery (buys) strike × |quantity| × multiplier; a long put or a short call delivers (sells).
/// </summary>
public static class ExpirationRules
{
    public static bool InTheMoney(OptionRight right, decimal underlyingPrice, decimal strike) =>
        right == OptionRight.Call ? underlyingPrice > strike : underlyingPrice < strike;

    /// <param name="quantity">Contracts held, signed (negative: short).</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive strike, multiplier or underlying price.</exception>
    public static OptionSettlement Settle(OptionRight right, decimal strike, decimal quantity, decimal multiplier, decimal underlyingPrice)
    {
        if (strike <= 0) throw new ArgumentOutOfRangeException(nameof(strike), "The strike must be positive.");
        if (multiplier <= 0) throw new ArgumentOutOfRangeException(nameof(multiplier), "The multiplier must be positive.");
        if (underlyingPrice <= 0) throw new ArgumentOutOfRangeException(nameof(underlyingPrice), "The underlying price must be positive.");

        if (quantity == 0 || !InTheMoney(right, underlyingPrice, strike))
        {
            return new OptionSettlement(ExpirationOutcome.ExpiredWorthless, 0, strike, 0);
        }

        return Deliver(right, strike, quantity, multiplier, quantity > 0 ? ExpirationOutcome.Exercised : ExpirationOutcome.Assigned);
    }

    /// <summary>
    /// An early-assignment notice on a short position (American style): <paramref name="contracts"/> of it are
    /// assigned whatever the moneyness — the holder chose to exercise.
    /// </summary>
    public static OptionSettlement Assign(OptionRight right, decimal strike, decimal contracts, decimal multiplier)
    {
        if (strike <= 0) throw new ArgumentOutOfRangeException(nameof(strike), "The strike must be positive.");
        if (multiplier <= 0) throw new ArgumentOutOfRangeException(nameof(multiplier), "The multiplier must be positive.");
        if (contracts <= 0) throw new ArgumentOutOfRangeException(nameof(contracts), "The number of contracts assigned must be positive.");
        return Deliver(right, strike, -contracts, multiplier, ExpirationOutcome.Assigned);
    }

    private static OptionSettlement Deliver(OptionRight right, decimal strike, decimal quantity, decimal multiplier, ExpirationOutcome outcome)
    {
        // Long call / short put buy the shares; long put / short call sell them.
        var sign = (right == OptionRight.Call ? 1 : -1) * Math.Sign(quantity);
        var shares = sign * Math.Abs(quantity) * multiplier;
        return new OptionSettlement(outcome, shares, strike, -shares * strike);
    }
}
