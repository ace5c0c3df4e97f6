namespace AqTrading.Backtest.Engine.Research;

/// <summary>
/// The statistics a sweep can rank by and a walk-forward can judge by, by their API names (snake_case). Drawdown,
/// volatility and VaR are better when lower; every other one when higher.
/// </summary>
public static class ResearchMetrics
{
    public const string Sharpe = "sharpe";

    private static readonly Dictionary<string, (Func<PerformanceReport, double> Read, bool HigherIsBetter)> Metrics = new(StringComparer.Ordinal)
    {
        [Sharpe] = (r => r.Sharpe, true),
        ["sortino"] = (r => r.Sortino, true),
        ["calmar"] = (r => r.Calmar, true),
        ["total_return"] = (r => r.TotalReturn, true),
        ["cagr"] = (r => r.Cagr, true),
        ["win_rate"] = (r => r.WinRate, true),
        // Unbounded (no losing trade) counts as the best possible.
        ["profit_factor"] = (r => r.ProfitFactor ?? double.MaxValue, true),
        ["expectancy"] = (r => r.Expectancy, true),
        ["max_drawdown"] = (r => r.MaxDrawdown, false),
        ["annual_volatility"] = (r => r.AnnualVolatility, false),
        ["value_at_risk_95"] = (r => r.ValueAtRisk95, false),
    };

    public static IReadOnlyCollection<string> Names => Metrics.Keys;

    /// <summary>Metrics whose relative degradation is meaningful (higher is better), for walk-forward.</summary>
    public static IEnumerable<string> HigherIsBetterNames => Metrics.Where(m => m.Value.HigherIsBetter).Select(m => m.Key);

    public static bool IsKnown(string? name) => name is not null && Metrics.ContainsKey(name);

    public static bool HigherIsBetter(string name) => Metrics[name].HigherIsBetter;

    public static double Value(PerformanceReport report, string name) => Metrics[name].Read(report);

    /// <summary>Orders values best first; equal values keep their input order (stable), so a ranking is deterministic.</summary>
    public static IReadOnlyList<T> Rank<T>(IEnumerable<T> items, Func<T, double> metric, string name) =>
        HigherIsBetter(name) ? items.OrderByDescending(metric).ToList() : items.OrderBy(metric).ToList();
}
