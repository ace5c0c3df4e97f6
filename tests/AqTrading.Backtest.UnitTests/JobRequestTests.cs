using System.Text.Json;
using AqTrading.Backtest.Engine;
using AqTrading.Backtest.Runs;
using AqTrading.Backtest.Sweeps;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.UnitTests;

/// <summary>The service's request checks and result shaping, without a host.</summary>
public sealed class JobRequestTests
{
    private static RunRequest Valid(object? parameters = null) => new(
        Strategy: "sma_crossover",
        Parameters: JsonSerializer.SerializeToElement(parameters ?? new { fastWindow = 10, slowWindow = 30 }),
        Symbols: ["spy", "SPY", " aapl "],
        Start: new DateOnly(2020, 1, 2),
        End: new DateOnly(2020, 12, 31));

    [Fact]
    public void Normalising_fills_every_default_and_upper_cases_distinct_symbols()
    {
        var errors = new Dictionary<string, string[]>();
        var run = Valid().Normalize(errors);

        Assert.Empty(errors);
        Assert.Equal(["SPY", "AAPL"], run.Symbols);
        Assert.Equal(("daily", 100_000m, "SPY", "next_bar_open", "cash", true), (run.Resolution, run.Capital, run.Benchmark, run.FillModel, run.Account, run.Adjusted));
        Assert.Equal(new CostsRequest("per_share", 0.005m, "fixed_bps", 5m), run.Costs);
        // Daily bars start at New York midnight: 2020-01-02 00:00 EST is 05:00 UTC; the end day runs to the next midnight.
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 5, 0, 0, TimeSpan.Zero), run.StartTime);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 5, 0, 0, TimeSpan.Zero), run.EndTime);
    }

    [Fact]
    public void Each_bad_field_is_named_under_the_prefix()
    {
        var errors = new Dictionary<string, string[]>();
        new RunRequest(Strategy: "nope", Symbols: [], Start: new DateOnly(2020, 2, 1), End: new DateOnly(2020, 1, 1), Resolution: "hourly",
            Capital: 0, Costs: new CostsRequest(FeeModel: "free"), FillModel: "magic").Normalize(errors, "base.");

        Assert.Equal(
            ["base.capital", "base.costs.feeModel", "base.end", "base.fillModel", "base.resolution", "base.strategy", "base.symbols"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Strategy_parameters_are_checked_by_the_catalog()
    {
        var run = Valid(new { fastWindow = 0, slowWindow = 30, typo = 1 }).Normalize(new Dictionary<string, string[]>());
        var creation = run.CreateStrategy();

        Assert.Null(creation.Strategy);
        Assert.Contains("parameters.fastWindow", creation.Errors.Keys);
        Assert.Contains("parameters.typo", creation.Errors.Keys);
    }

    [Fact]
    public void Costs_become_the_engines_models_with_the_reference_pins()
    {
        var run = Valid().Normalize(new Dictionary<string, string[]>());
        var spec = run.ToSpec(run.CreateStrategy().Strategy!, run.StartTime, run.EndTime);

        // The seed's pins: 150.00 bought at 5 bps → 150.075, 155.00 sold → 154.9225; 0.005 $/share.
        Assert.Equal(150.075m, spec.SlippageOrDefault.Apply(SignalSide.Buy, 150.00m, 100, 1_000_000));
        Assert.Equal(154.9225m, spec.SlippageOrDefault.Apply(SignalSide.Sell, 155.00m, 100, 1_000_000));
        Assert.Equal(0.5m, spec.FeesOrDefault.Fee(100, 150m));
        Assert.Equal(FillModel.NextBarOpen, spec.FillModel);
        Assert.Equal("SPY", spec.BenchmarkSymbol);
    }

    [Fact]
    public void Benchmark_none_runs_without_one()
    {
        var run = (Valid() with { Benchmark = "None" }).Normalize(new Dictionary<string, string[]>());
        Assert.Null(run.BenchmarkSymbol);
        Assert.Null(run.ToSpec(run.CreateStrategy().Strategy!, run.StartTime, run.EndTime).BenchmarkSymbol);
    }

    [Fact]
    public void A_grid_combination_the_catalog_refuses_is_named_with_its_values()
    {
        var run = Valid().Normalize(new Dictionary<string, string[]>());
        var errors = new Dictionary<string, string[]>();
        var grid = new Dictionary<string, JsonElement> { ["fastWindow"] = JsonSerializer.SerializeToElement(new[] { 10, 40 }) };

        Assert.Null(GridRequests.Expand(run, grid, required: true, max: 100, errors));
        var message = Assert.Single(errors["grid.fastWindow"]);
        Assert.Contains("fastWindow=40", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_too_large_or_empty_is_refused()
    {
        var run = Valid().Normalize(new Dictionary<string, string[]>());
        var tooMany = new Dictionary<string, string[]>();
        var grid = new Dictionary<string, JsonElement>
        {
            ["fastWindow"] = JsonSerializer.SerializeToElement(Enumerable.Range(1, 9)),
            ["slowWindow"] = JsonSerializer.SerializeToElement(new[] { 30, 40 }),
        };
        Assert.Null(GridRequests.Expand(run, grid, required: true, max: 17, tooMany));
        Assert.Contains("18", Assert.Single(tooMany["grid"]), StringComparison.Ordinal);

        var empty = new Dictionary<string, string[]>();
        Assert.Null(GridRequests.Expand(run, new Dictionary<string, JsonElement> { ["fastWindow"] = JsonSerializer.SerializeToElement(Array.Empty<int>()) },
            required: true, max: 100, empty));
        Assert.Contains("grid.fastWindow", empty.Keys);
    }

    [Fact]
    public void A_grid_expands_over_the_base_parameters()
    {
        var run = Valid(new { slowWindow = 50, quantity = 7 }).Normalize(new Dictionary<string, string[]>());
        var grid = new Dictionary<string, JsonElement> { ["fastWindow"] = JsonSerializer.SerializeToElement(new[] { 5, 10, 20 }) };
        var sets = GridRequests.Expand(run, grid, required: true, max: 100, new Dictionary<string, string[]>())!;

        Assert.Equal([5, 10, 20], sets.Select(s => s["fastWindow"].GetInt32()));
        Assert.All(sets, s => Assert.Equal((50, 7), (s["slowWindow"].GetInt32(), s["quantity"].GetInt32())));
    }

    [Fact]
    public void The_drawdown_curve_is_the_drop_from_the_running_peak()
    {
        // Peaks 100, 120, 120, 130, 130: drawdowns 0, 0, (120 − 90)/120 = 0.25, 0, (130 − 117)/130 = 0.1.
        var t = new DateTimeOffset(2024, 1, 2, 21, 0, 0, TimeSpan.Zero);
        var equity = new[] { 100.0, 120, 90, 130, 117 }.Select((e, i) => new EquityPoint(t.AddDays(i), e, e, 0, 0)).ToList();

        var drawdown = RunResult.DrawdownCurve(equity).Select(d => d.Drawdown).ToList();

        Assert.Equal([0, 0, 0.25, 0, 0.1], drawdown.Select(d => Math.Round(d, 12)));
    }
}
