namespace AqTrading.Portfolio.Books;

/// <summary>
/// An account's equity over one trading day (America/New_York): what it started at, its highest, its latest. Day P&amp;L
/// is measured from <see cref="StartEquity"/>; drawdown from <see cref="PeakEquity"/>, the high-water mark carried
/// from day to day.
/// </summary>
public sealed class EquityWatermark
{
    public required string AccountId { get; init; }

    public DateOnly TradingDay { get; init; }

    public decimal StartEquity { get; init; }

    public decimal PeakEquity { get; set; }

    public decimal LastEquity { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class EquityWatermarkOptions
{
    /// <summary>How often each account's equity is sampled (Portfolio:Watermarks:Interval).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
