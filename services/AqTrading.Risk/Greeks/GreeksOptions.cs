using AqTrading.Risk.Rules.Greeks;

namespace AqTrading.Risk.Greeks;

/// <summary>Configuration section <c>Risk:Greeks</c>.</summary>
public sealed class GreeksOptions
{
    public const string Section = "Risk:Greeks";

    /// <summary>How often every known account's Greeks are recomputed from the latest quotes (and published).</summary>
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>How often the account and strategy Greeks are stored in riskdb for history.</summary>
    public double SnapshotSeconds { get; set; } = 30;

    /// <summary>Volatility for an option without a quote to imply it from (reference: 0.30).</summary>
    public double DefaultVolatility { get; set; } = 0.30;

    /// <summary>Risk-free rate for option valuation (reference: 0.05).</summary>
    public double RiskFreeRate { get; set; } = 0.05;

    /// <summary>Greeks whose oldest quote is older than this are stale for the gate (reference: 60 s).</summary>
    public double MaxStalenessSeconds { get; set; } = 60;

    /// <summary>
    /// false (the seed's default): with Greeks unavailable or stale an order proceeds with a warning.
    /// true: such an order is rejected (<c>greeks_data_unavailable</c> / <c>greeks_data_stale</c>).
    /// </summary>
    public bool FailClosed { get; set; }

    public GreeksSettings Settings => new(DefaultVolatility, RiskFreeRate);

    public GreeksGateSettings Gate => new(TimeSpan.FromSeconds(MaxStalenessSeconds), FailClosed);
}
