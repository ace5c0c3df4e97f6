using AqTrading.MarketData.Core.Feed;

namespace AqTrading.MarketData.Feed;

/// <summary>The simulated feed (section <c>Feed</c>). It runs when <see cref="Enabled"/> or <c>Demo:Enabled</c> is true.</summary>
public sealed class FeedOptions
{
    public bool Enabled { get; set; }

    /// <summary>The random seed; the same seed gives the same prices. Null: a new seed each start (logged).</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Time between ticks. 250 ms by default: each tick is a Redis SET and PUBLISH per symbol plus the bar arithmetic,
    /// which on a 2-core machine costs a few percent of a core for a handful of symbols (measured, docs/api/market-data.md).
    /// </summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The symbols to simulate. Empty with the demo on: <see cref="DemoSymbols"/>.</summary>
    public List<FeedSymbolOptions> Symbols { get; set; } = [];

    /// <summary>
    /// Minutes of one-minute history generated (by the same seeded walk, ending at the current minute) for a symbol
    /// that has no one-minute bars yet, so strategies can warm up at once. Null: 390 (a trading day) with the demo on,
    /// else 0.
    /// </summary>
    public int? SeedHistoryMinutes { get; set; }

    /// <summary>Injected faults; all off by default.</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>The demo's symbols: gentle walks at about today's prices (the per-tick reference numbers of the trend
    /// scenario would multiply a price within the hour at 4 ticks a second, so the demo's trend is a slow one).</summary>
    public static readonly IReadOnlyList<FeedSymbolOptions> DemoSymbols =
    [
        new() { Symbol = "AAPL", Scenario = "trend_up", StartPrice = 190m, Drift = 1e-6, Volatility = 1e-4 },
        new() { Symbol = "MSFT", Scenario = "flat", StartPrice = 420m },
        new() { Symbol = "SPY", Scenario = "flat", StartPrice = 500m, Volatility = 5e-5 },
    ];
}

public sealed class FeedSymbolOptions
{
    public string Symbol { get; set; } = "";

    /// <summary>flat, trend_up, trend_down, volatile, jump or stale.</summary>
    public string Scenario { get; set; } = "flat";

    public decimal StartPrice { get; set; } = FeedSymbol.DefaultPrice;

    /// <summary>Overrides the scenario's drift per tick.</summary>
    public double? Drift { get; set; }

    /// <summary>Overrides the scenario's volatility per tick.</summary>
    public double? Volatility { get; set; }

    public FeedSymbol ToFeedSymbol() => new(Symbol.Trim().ToUpperInvariant(),
        ScenarioNames.Parse(Scenario) ?? throw new InvalidOperationException($"Unknown scenario {Scenario}."), StartPrice, Drift, Volatility);
}

public sealed class DemoOptions
{
    public bool Enabled { get; set; }
}
