using System.Text.Json;
using AqTrading.Backtest.Engine.Research;

namespace AqTrading.Backtest.UnitTests;

/// <summary>The walk-forward rules with numbers worked out by hand (the seed's pins: 100 rows → 70/15/15, 19 % passes, 21 % fails).</summary>
public sealed class WalkForwardTests
{
    [Fact]
    public void Hundred_points_split_seventy_fifteen_fifteen()
    {
        var windows = WalkForward.Split(100);
        Assert.Equal((70, 15, 15), (windows.TrainCount, windows.ValidationCount, windows.TestCount));
    }

    [Fact]
    public void Ten_points_keep_every_window_non_empty()
    {
        // int(10 × 0.70) = 7, int(10 × 0.85) = 8: 7 / 1 / 2.
        var windows = WalkForward.Split(10);
        Assert.Equal((7, 1, 2), (windows.TrainCount, windows.ValidationCount, windows.TestCount));
    }

    [Fact]
    public void Fewer_than_ten_points_cannot_be_split() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Split(9));

    [Fact]
    public void Degradation_is_the_relative_drop_and_negative_for_an_improvement()
    {
        Assert.Equal(0.25, WalkForward.Degradation(2.0, 1.5), 12);     // (2 − 1.5) / 2
        Assert.Equal(-0.5, WalkForward.Degradation(2.0, 3.0), 12);     // better by half
        Assert.Equal(-0.6, WalkForward.Degradation(-0.5, -0.2), 12);   // (−0.5 + 0.2) / 0.5: a negative Sharpe improving
        Assert.Equal(1.0, WalkForward.Degradation(0, -0.1));
        Assert.Equal(0.0, WalkForward.Degradation(0, 0));
        Assert.Equal(-1.0, WalkForward.Degradation(0, 0.3));
    }

    [Fact]
    public void Nineteen_percent_degradation_passes_and_twenty_one_percent_fails()
    {
        var stable = new[] { WalkForward.Stability("x +10%", 0.81, 0.8) };
        var pass = WalkForward.Decide("sharpe", 1.0, 0.81, 0.81, stable);
        Assert.True(pass.Accepted);
        Assert.Equal(0.19, pass.TrainToValidation, 9);

        var fail = WalkForward.Decide("sharpe", 1.0, 0.79, 0.79, stable);
        Assert.False(fail.Accepted);
        Assert.Contains(fail.Reasons, r => r.Contains("train → validation", StringComparison.Ordinal) && r.Contains("exceeds", StringComparison.Ordinal));
    }

    [Fact]
    public void Degradation_from_validation_to_test_rejects_too()
    {
        // Train 1.0 → validation 1.2 improves; validation 1.2 → test 0.9 loses 25 %.
        var decision = WalkForward.Decide("sharpe", 1.0, 1.2, 0.9, []);
        Assert.False(decision.Accepted);
        Assert.Equal(0.25, decision.ValidationToTest, 9);
        Assert.Contains(decision.Reasons, r => r.Contains("validation → test", StringComparison.Ordinal) && r.Contains("exceeds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_perturbed_run_more_than_twenty_percent_away_is_unstable_and_rejects()
    {
        var within = WalkForward.Stability("fastWindow +10%", 1.0, 1.15);  // 15 % away
        var outside = WalkForward.Stability("fastWindow −20%", 1.0, 0.75); // 25 % away
        Assert.True(within.WithinTolerance);
        Assert.False(outside.WithinTolerance);
        Assert.Equal(0.25, outside.Deviation!.Value, 9);

        var decision = WalkForward.Decide("sharpe", 1.0, 1.0, 1.0, [within, outside]);
        Assert.False(decision.Accepted);
        Assert.Contains(decision.Reasons, r => r.Contains("fastWindow −20%", StringComparison.Ordinal));
    }

    [Fact]
    public void A_perturbation_that_could_not_run_neither_passes_nor_fails()
    {
        var decision = WalkForward.Decide("sharpe", 1.0, 1.0, 1.0,
            [WalkForward.Stability("a +10%", 1.0, 1.1), new StabilityOutcome("a −20%", null, null, null)]);
        Assert.True(decision.Accepted);
    }

    [Fact]
    public void Whole_parameters_move_by_rounded_steps_and_at_least_one()
    {
        var parameters = Parse("""{"fastWindow": 10, "slowWindow": 3, "quantity": 2.5, "mode": "long_flat", "zero": 0}""");
        var moved = WalkForward.Perturbations(parameters)
            .Select(p => (p.Label, p.Parameters[p.Parameter].GetDecimal())).ToList();

        Assert.Equal(
        [
            ("fastWindow +10%", 11m), ("fastWindow −10%", 9m), ("fastWindow +20%", 12m), ("fastWindow −20%", 8m),
            // 3.3 → 3 and 2.7 → 3 equal the base: moved by one instead; 3.6 → 4, 2.4 → 2.
            ("slowWindow +10%", 4m), ("slowWindow −10%", 2m), ("slowWindow +20%", 4m), ("slowWindow −20%", 2m),
            ("quantity +10%", 2.75m), ("quantity −10%", 2.25m), ("quantity +20%", 3.0m), ("quantity −20%", 2.0m),
        ], moved);
    }

    [Fact]
    public void A_perturbation_changes_only_its_own_parameter()
    {
        var parameters = Parse("""{"fastWindow": 10, "slowWindow": 30}""");
        var first = WalkForward.Perturbations(parameters)[0];
        Assert.Equal(30, first.Parameters["slowWindow"].GetInt32());
        Assert.Equal("11", first.Parameters["fastWindow"].GetRawText());
    }

    [Fact]
    public void A_grid_is_the_cartesian_product_over_the_base_with_the_last_name_fastest()
    {
        var grid = new ParameterGrid(
        [
            new("a", [JsonSerializer.SerializeToElement(1), JsonSerializer.SerializeToElement(2)]),
            new("b", [JsonSerializer.SerializeToElement("x"), JsonSerializer.SerializeToElement("y"), JsonSerializer.SerializeToElement("z")]),
        ]);
        var sets = grid.Expand(Parse("""{"a": 0, "c": 5}"""));

        Assert.Equal(6, grid.Count);
        Assert.Equal(["1x", "1y", "1z", "2x", "2y", "2z"], sets.Select(s => $"{s["a"].GetInt32()}{s["b"].GetString()}"));
        Assert.All(sets, s => Assert.Equal(5, s["c"].GetInt32()));
    }

    [Fact]
    public void Ranking_puts_the_best_first_whichever_way_better_points()
    {
        double[] values = [0.3, 0.1, 0.2];
        Assert.Equal([0.3, 0.2, 0.1], ResearchMetrics.Rank(values, v => v, "sharpe"));
        Assert.Equal([0.1, 0.2, 0.3], ResearchMetrics.Rank(values, v => v, "max_drawdown"));
    }

    private static Dictionary<string, JsonElement> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
