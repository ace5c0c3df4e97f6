namespace AqTrading.Strategies.Running;

/// <summary><c>Strategies:Runner</c>.</summary>
public sealed class RunnerOptions
{
    public Uri MarketDataUrl { get; set; } = new("http://market-data");

    public Uri OrdersUrl { get; set; } = new("http://orders");

    /// <summary>
    /// How long a strategy waits for the fills of its market orders before it processes its next event, so it sees the
    /// position its signal produced (the backtest path fills at the bar close). After this, it goes on without them.
    /// </summary>
    public TimeSpan FillTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay between attempts to load warm-up history while market data cannot be reached.</summary>
    public TimeSpan WarmupRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
