namespace AqTrading.MarketData.Core.Feed;

/// <summary>The simulated feed's price behaviours (reference §5, the original mock data source).</summary>
public enum Scenario
{
    Flat,
    TrendUp,
    TrendDown,
    Volatile,
    Jump,
    Stale,
}

/// <summary>Scenario names as configuration spells them (snake_case; the enum names are accepted too).</summary>
public static class ScenarioNames
{
    public static readonly IReadOnlyList<string> All = ["flat", "trend_up", "trend_down", "volatile", "jump", "stale"];

    public static Scenario? Parse(string? name) =>
        Enum.TryParse<Scenario>(name?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var scenario)
        && Enum.IsDefined(scenario) && !int.TryParse(name, out _)
            ? scenario
            : null;
}

/// <summary>
/// One scenario's random walk, per step (per tick): <c>price × (1 + drift + volatility × z)</c> with z standard
/// normal, plus an optional jump and an optional pause. The numbers are the original's; they are per tick, so the
/// trend, volatile and jump scenarios move a lot within minutes at sub-second ticks — they are built for tests.
/// </summary>
public sealed record ScenarioParameters(
    double Drift,
    double Volatility,
    double JumpProbability = 0,
    double JumpSize = 0,
    double PauseProbability = 0,
    double PauseMinSeconds = 0,
    double PauseMaxSeconds = 0)
{
    public static ScenarioParameters For(Scenario scenario) => scenario switch
    {
        Scenario.Flat => new(0, 1e-4),
        Scenario.TrendUp => new(5e-4, 1e-3),
        Scenario.TrendDown => new(-5e-4, 1e-3),
        Scenario.Volatile => new(0, 1e-2),
        Scenario.Jump => new(0, 1e-3, JumpProbability: 0.02, JumpSize: 0.05),
        // The original gives the stale scenario no walk of its own; it moves like flat between its pauses.
        Scenario.Stale => new(0, 1e-4, PauseProbability: 0.10, PauseMinSeconds: 5, PauseMaxSeconds: 10),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };
}

/// <summary>One symbol of the simulated feed.</summary>
/// <param name="Drift">Overrides the scenario's drift per step.</param>
/// <param name="Volatility">Overrides the scenario's volatility per step.</param>
public sealed record FeedSymbol(string Symbol, Scenario Scenario = Scenario.Flat, decimal StartPrice = FeedSymbol.DefaultPrice,
    double? Drift = null, double? Volatility = null)
{
    public const decimal DefaultPrice = 100m;

    public ScenarioParameters Parameters
    {
        get
        {
            var p = ScenarioParameters.For(Scenario);
            return p with { Drift = Drift ?? p.Drift, Volatility = Volatility ?? p.Volatility };
        }
    }
}
