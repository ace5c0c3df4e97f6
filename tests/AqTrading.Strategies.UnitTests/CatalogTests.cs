using System.Text.Json;
using AqTrading.Strategies.Engine.BuiltIn;
using AqTrading.Strategies.Engine.Catalog;

namespace AqTrading.Strategies.UnitTests;

public sealed class CatalogTests
{
    private static StrategyCreation Create(string kind, string parameters, string id = "s1", string[]? symbols = null) =>
        StrategyCatalog.Create(new StrategySpec(id, kind, symbols ?? ["AAPL"], JsonDocument.Parse(parameters).RootElement));

    [Fact]
    public void Each_kind_is_made_from_its_parameters()
    {
        var momentum = Assert.IsType<MomentumStrategy>(Create("momentum", """{"lookbackPeriod": 5, "threshold": 0.01}""").Strategy);
        Assert.Equal(new MomentumParameters(5, 0.01m, 100m), momentum.Parameters);

        var trend = Assert.IsType<TrendBreakoutStrategy>(Create("trend_breakout", """{"positionSizing": "fixed_risk", "normalize": false}""").Strategy);
        Assert.Equal(("fixed_risk", false, 20), (trend.Parameters.PositionSizing, trend.Parameters.Normalize, trend.WarmupBars));

        var sma = Assert.IsType<SmaCrossoverStrategy>(Create("sma_crossover", """{"fastWindow": 5, "slowWindow": 20, "quantity": 3}""").Strategy);
        Assert.Equal(new SmaCrossoverParameters(5, 20, 3m, "long_flat"), sma.Parameters);
        Assert.Equal(["AAPL"], sma.Symbols);
    }

    [Fact]
    public void Every_bad_parameter_is_named()
    {
        var result = Create("sma_crossover", """{"fastWindow": 30, "slowWindow": 20, "quantity": -1, "mode": "both", "fastwindow": 3}""");

        Assert.False(result.Succeeded);
        Assert.Contains("shorter than 'slowWindow'", result.Errors["parameters.fastWindow"].Single());
        Assert.Contains("greater than 0", result.Errors["parameters.quantity"].Single());
        Assert.Contains("long_flat, long_short", result.Errors["parameters.mode"].Single());
        Assert.Contains("not a parameter of sma_crossover", result.Errors["parameters.fastwindow"].Single());
    }

    [Fact]
    public void Wrong_types_unknown_kinds_and_bad_ids_or_symbols_are_errors()
    {
        Assert.Contains("whole number", Create("momentum", """{"lookbackPeriod": "20"}""").Errors["parameters.lookbackPeriod"].Single());
        Assert.Contains("true or false", Create("trend_breakout", """{"normalize": 1}""").Errors["parameters.normalize"].Single());
        Assert.Contains("JSON object", Create("momentum", "[1]").Errors["parameters"].Single());
        Assert.Contains("momentum, trend_breakout, sma_crossover", Create("mean_reversion", "{}").Errors["kind"].Single());
        Assert.True(Create("momentum", "{}", id: "Bad Id").Errors.ContainsKey("id"));
        Assert.True(Create("momentum", "{}", symbols: []).Errors.ContainsKey("symbols"));
        Assert.True(Create("momentum", "{}", symbols: ["A B"]).Errors.ContainsKey("symbols"));
    }

    [Fact]
    public void Defaults_are_the_reference_numbers()
    {
        var trend = Assert.IsType<TrendBreakoutStrategy>(Create("trend_breakout", "{}").Strategy).Parameters;
        Assert.Equal((20, 0.0, -0.02, 100m, 0.02m, 60, 20), (trend.Lookback, trend.EntryThreshold, trend.ExitThreshold, trend.PositionSize,
            trend.RiskPerTrade, trend.NormalizeWindow, trend.NormalizeMinPeriods));
        Assert.Equal(new MomentumParameters(20, 0.02m, 100m), Assert.IsType<MomentumStrategy>(Create("momentum", "null").Strategy).Parameters);
    }
}
