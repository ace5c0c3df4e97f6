namespace AqTrading.Orders.Brokers.Paper;

/// <summary>Settings of the simulated broker (Orders:PaperBroker). Defaults follow the reference's paper broker.</summary>
public sealed class PaperBrokerOptions
{
    /// <summary>Adverse slippage on market fills, in basis points of the quote side (5 bps = 0.05 %).</summary>
    public decimal SlippageBps { get; set; } = 5m;

    /// <summary>Time between accepting an order and its first fill.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Fraction of the remaining quantity filled per step (1 = all at once; 0.5 = half, then the rest).</summary>
    public decimal FillRatio { get; set; } = 1m;

    /// <summary>Commission per share or contract.</summary>
    public decimal CommissionPerUnit { get; set; }

    /// <summary>How often resting limit and stop orders are compared with the quotes.</summary>
    public TimeSpan RestingCheckInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The broker-side cash of an account it has not seen before.</summary>
    public decimal StartingCash { get; set; } = 100_000m;
}
