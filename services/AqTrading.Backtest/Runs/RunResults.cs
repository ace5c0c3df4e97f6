using System.Text.Json;
using System.Text.Json.Serialization;
using AqTrading.Backtest.Engine;

namespace AqTrading.Backtest.Runs;

public readonly record struct DrawdownPoint(DateTimeOffset Time, double Drawdown);

/// <summary>The benchmark's statistics without its curve (the curve is stored once, in <see cref="RunResult.BenchmarkCurve"/>).</summary>
public sealed record BenchmarkSummary(string Symbol, int AlignedPoints, double TotalReturn, double Alpha, double Beta, double InformationRatio,
    double TrackingError, double Treynor, double UpCapture, double DownCapture);

/// <summary>What a sweep reads of each run: statistics only.</summary>
public sealed record RunSummary(PerformanceReport Statistics, BenchmarkSummary? Benchmark);

/// <summary>A run's stored result: statistics, curves (equity, benchmark, drawdown), trades, fills, positions and signal traces.</summary>
/// <param name="Drawdown">(peak − equity) / peak at each equity point, the running peak taken over the points so far.</param>
public sealed record RunResult(
    BacktestSummary Summary,
    PerformanceReport Statistics,
    BenchmarkSummary? Benchmark,
    IReadOnlyList<EquityPoint> EquityCurve,
    IReadOnlyList<BenchmarkPoint> BenchmarkCurve,
    IReadOnlyList<DrawdownPoint> Drawdown,
    IReadOnlyList<RoundTrip> Trades,
    IReadOnlyList<Execution> Fills,
    IReadOnlyList<PositionChange> Positions,
    IReadOnlyList<SignalTrace> Traces)
{
    /// <summary>Web casing and snake_case enum names, as the API answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static RunResult From(BacktestResult result) => new(
        result.Summary,
        result.Statistics,
        Summarize(result.Benchmark),
        result.EquityCurve,
        result.Benchmark?.Curve ?? [],
        DrawdownCurve(result.EquityCurve),
        result.Trades,
        result.Fills,
        result.Positions,
        result.Traces);

    public RunSummary ToSummary() => new(Statistics, Benchmark);

    public static BenchmarkSummary? Summarize(BenchmarkReport? b) => b is null ? null
        : new(b.Symbol, b.AlignedPoints, b.TotalReturn, b.Alpha, b.Beta, b.InformationRatio, b.TrackingError, b.Treynor, b.UpCapture, b.DownCapture);

    public static List<DrawdownPoint> DrawdownCurve(IReadOnlyList<EquityPoint> equity)
    {
        var result = new List<DrawdownPoint>(equity.Count);
        var peak = double.MinValue;
        foreach (var point in equity)
        {
            peak = Math.Max(peak, point.Equity);
            result.Add(new DrawdownPoint(point.Time, peak > 0 ? (peak - point.Equity) / peak : 0));
        }

        return result;
    }
}
