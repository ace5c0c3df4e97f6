using AqTrading.Risk.Rules;

namespace AqTrading.Risk.Benchmarks;

/// <summary>
/// A realistic approved decision: a $100,000 account holding 20 positions of $3,000 each (the default limit of 20
/// positions, 60 % gross exposure), buying 10 more of a symbol it already holds — so every check runs and passes.
/// </summary>
internal static class RiskInputs
{
    public const int PositionCount = 20;

    public static readonly RiskLimits Limits = new();

    public static AccountSnapshot Account()
    {
        var positions = new List<PositionSnapshot>(PositionCount);
        for (var i = 0; i < PositionCount; i++)
        {
            positions.Add(new PositionSnapshot($"SYM{i:D2}", "s1", Quantity: 30m, MarketValue: 3_000m));
        }

        return new AccountSnapshot("paper", Equity: 100_000m, BuyingPower: 40_000m, DayPnl: -150m, PeakEquity: 101_000m, positions);
    }

    public static RiskContext Context() =>
        new(new TradingStatus(TradingState.Running, DateTimeOffset.UnixEpoch, "bench", null, CanResume: true),
            new HashSet<string>(StringComparer.Ordinal), Bias: 1m, Account());

    /// <summary>Buys 10 × $100 of SYM07: the position goes from $3,000 to $4,000, under the 5 % of equity limit.</summary>
    public static OrderIntent Buy(string orderId) => new(orderId, "paper", "s1", "SYM07", Side.Buy, 10m, 100m);

    /// <summary>Fails loudly if the inputs stop describing an approved order (e.g. after a change of default limits).</summary>
    public static void EnsureApproved(RiskDecision decision)
    {
        if (!decision.Approved)
        {
            throw new InvalidOperationException($"The benchmark order was rejected ({decision.ReasonCode}: {decision.Message}); fix RiskInputs.");
        }
    }
}
