using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.BuiltIn;
using static AqTrading.Strategies.UnitTests.TestBars;

namespace AqTrading.Strategies.UnitTests;

public sealed class SmaCrossoverTests
{
    private static SmaCrossoverStrategy Sma(string mode = "long_flat") => new("sma", ["AAA"], new SmaCrossoverParameters(2, 3, 10m, mode));

    [Fact]
    public void A_golden_cross_buys_and_a_death_cross_sells_the_long()
    {
        var strategy = Sma();
        var context = new StrategyContext("sma", "paper", 100);

        // Bar 4: fast (10+9)/2 = 9.5 < slow 29/3 (fast was 10 = slow 10 before): a death cross, but flat → nothing.
        // Bar 5: fast (9+12)/2 = 10.5 > slow 31/3 = 10.33 (before 9.5 ≤ 9.67): golden → buy 10.
        var signals = Feed(strategy, context, Closes("AAA", 10m, 10m, 10m, 9m, 12m));
        var buy = Assert.Single(signals);
        Assert.Equal((SignalSide.Buy, 10m), (buy.Side, buy.Quantity));
        Assert.Equal(10.5, buy.FactorScores["fast_sma"], 12);
        Assert.Equal(31.0 / 3, buy.FactorScores["slow_sma"], 12);
        Assert.Equal(Origin.AddMinutes(5), buy.Time);

        Hold(context, "AAA", 10m, 12m);
        // Bar 6: fast (12+8)/2 = 10 stays above slow 29/3: no cross. Bar 7: [12, 8, 7]: fast 7.5 < slow 9: death → sell 10.
        var more = Feed(strategy, context, [Bar("AAA", 5, 8m), Bar("AAA", 6, 7m)]);
        var sell = Assert.Single(more);
        Assert.Equal((SignalSide.Sell, 10m, Origin.AddMinutes(7)), (sell.Side, sell.Quantity, sell.Time));
    }

    [Fact]
    public void Long_short_goes_short_on_a_death_cross_and_reverses_on_the_golden_one()
    {
        var strategy = Sma("long_short");
        var context = new StrategyContext("sma", "paper", 100);

        var signals = Feed(strategy, context, Closes("AAA", 10m, 10m, 10m, 9m));
        var shortSell = Assert.Single(signals);
        Assert.Equal((SignalSide.Sell, 10m), (shortSell.Side, shortSell.Quantity));

        Hold(context, "AAA", -10m, 9m);
        var reverse = Assert.Single(Feed(strategy, context, [Bar("AAA", 4, 12m)]));
        Assert.Equal((SignalSide.Buy, 20m), (reverse.Side, reverse.Quantity));
    }

    [Fact]
    public void A_signal_reports_the_averages_of_the_closes_as_written_and_its_scores_as_a_dictionary_would()
    {
        // The integer path rebuilds the window sums as decimals: 9.50 + 12.50 must stay 22.00 (two decimals), not 22.
        var strategy = Sma();
        var buy = Assert.Single(Feed(strategy, new StrategyContext("sma", "paper", 100), Closes("AAA", 10.00m, 10.00m, 10.00m, 9.50m, 12.50m)));
        var fast = (9.50m + 12.50m) / 2;
        var slow = (10.00m + 9.50m + 12.50m) / 3;
        Assert.Equal(FormattableString.Invariant($"Golden cross: SMA2 {Math.Round(fast, 4)} > SMA3 {Math.Round(slow, 4)}"), buy.Reason);
        Assert.StartsWith("Golden cross: SMA2 11.00 > SMA3 10.6667", buy.Reason);

        var expected = new Dictionary<string, double> { ["fast_sma"] = (double)fast, ["slow_sma"] = (double)slow, ["spread"] = (double)((fast - slow) / slow) };
        Assert.Equal(expected, buy.FactorScores);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize<IReadOnlyDictionary<string, double>>(expected),
            System.Text.Json.JsonSerializer.Serialize(buy.FactorScores));
        Assert.True(buy.FactorScores.ContainsKey("spread"));
        Assert.False(buy.FactorScores.TryGetValue("SPREAD", out _)); // ordinal, as the dictionary was
        Assert.Throws<KeyNotFoundException>(() => buy.FactorScores["momentum"]);
    }

    [Fact]
    public void No_cross_without_a_previous_slow_average()
    {
        // Three bars give one slow SMA only; there is nothing to cross from.
        Assert.Empty(Feed(Sma(), new StrategyContext("sma", "paper", 100), Closes("AAA", 1m, 1m, 5m)));
        Assert.Equal(3, Sma().WarmupBars);
    }

    [Fact]
    public void Closes_with_more_than_four_decimals_cross_exactly_as_whole_cent_closes_do()
    {
        // Fed in integer units first, then a close with five decimals moves the symbol to decimal sums mid-window.
        // Bar 4: fast (10+9.00001)/2 = 9.500005 < slow 29.00001/3 = 9.66667 (fast was 10 = slow 10): death, flat → nothing.
        // Bar 5: fast (9.00001+12.00001)/2 = 10.50001 > slow 31.00002/3 = 10.33334: golden → buy.
        var signals = Feed(Sma(), new StrategyContext("sma", "paper", 100), Closes("AAA", 10m, 10m, 10m, 9.00001m, 12.00001m));

        var buy = Assert.Single(signals);
        Assert.Equal((SignalSide.Buy, Origin.AddMinutes(5)), (buy.Side, buy.Time));
        Assert.Equal((double)(21.00002m / 2), buy.FactorScores["fast_sma"], 12);
        Assert.Equal((double)(31.00002m / 3), buy.FactorScores["slow_sma"], 12);
    }

    [Fact]
    public void Equal_averages_are_not_a_cross_in_either_arithmetic()
    {
        // Bar 3 has fast = slow exactly (both 10; in the second series only when summed without rounding): "at or below",
        // so bar 4 rising above is a golden cross, and bar 5 staying above is none.
        foreach (var closes in new[] { new[] { 10m, 10m, 10m, 11m, 12m }, new[] { 10m, 10.000001m, 9.999999m, 11m, 12m } })
        {
            var signals = Feed(Sma(), new StrategyContext("sma", "paper", 100), Closes("AAA", closes));
            var cross = Assert.Single(signals);
            Assert.Equal(SignalSide.Buy, cross.Side);
        }
    }

    public static TheoryData<decimal[]> MixedCloses => new()
    {
        // Scales 0–4 in one window, then closes with six decimals: the decimal ring is made from the packed integer one.
        new[] { 10m, 10.5m, 10.25m, 9.1234m, 9.0m, 12.00m, 8.1m, 11.123456m, 7.5m, 13m, 6.25m, 14.000001m, 5m },
        // Negative and zero closes (a spread): window sums at or below zero are added up from the ring.
        new[] { -1.00m, -2.5m, 0m, -0.75m, 1.2m, -3.00m, 0.00m, 2.5m, -4m, 3.25m, -0.01m },
    };

    [Theory]
    [MemberData(nameof(MixedCloses))]
    public void Every_signal_reports_the_averages_that_summing_its_windows_in_decimal_gives(decimal[] closes)
    {
        var signals = Feed(Sma("long_short"), new StrategyContext("sma", "paper", 100), Closes("AAA", closes));

        Assert.True(signals.Count >= 3, $"only {signals.Count} signals");
        foreach (var signal in signals)
        {
            var t = (int)(signal.Time - Origin).TotalMinutes - 1; // the bar the signal came from
            decimal Average(int window)
            {
                var sum = 0m;
                for (var k = t - window + 1; k <= t; k++)
                {
                    sum += closes[k]; // oldest first
                }

                return sum / window;
            }

            var golden = signal.Side == SignalSide.Buy;
            Assert.Equal(FormattableString.Invariant(
                $"{(golden ? "Golden" : "Death")} cross: SMA2 {Math.Round(Average(2), 4)} {(golden ? ">" : "<")} SMA3 {Math.Round(Average(3), 4)}"), signal.Reason);
        }
    }

    [Fact]
    public void Symbols_fed_together_signal_as_each_does_alone()
    {
        // Per-symbol state kept side by side in shared arrays: interleaved symbols, out of step (one skips bars, one starts
        // late), one moving to decimal sums mid-run, must each give exactly the signals it gives on its own.
        var random = new Random(11);
        string[] symbols = ["AAA", "BBB", "CCC", "DDD"];
        var bars = new List<AqTrading.Contracts.MarketData.Bar>();
        for (var t = 0; t < 400; t++)
        {
            foreach (var symbol in symbols)
            {
                if ((symbol == "BBB" && t % 7 == 3) || (symbol == "CCC" && t < 40))
                {
                    continue;
                }

                var close = Math.Round(50m + (decimal)(random.NextDouble() * 10), 2);
                bars.Add(TestBars.Bar(symbol, t, symbol == "DDD" && t == 200 ? close + 0.000001m : close));
            }
        }

        static string Key(Signal s) => FormattableString.Invariant($"{s.Symbol} {s.Time:O} {s.Side} {s.Quantity} {s.Reason} {string.Join(",", s.FactorScores)}");
        var parameters = new SmaCrossoverParameters(5, 20, 10m, "long_short");
        var together = Feed(new SmaCrossoverStrategy("sma", symbols, parameters), new StrategyContext("sma", "paper", 100), bars);
        Assert.True(together.Count > 40, $"only {together.Count} signals");
        foreach (var symbol in symbols)
        {
            var alone = Feed(new SmaCrossoverStrategy("sma", [symbol], parameters), new StrategyContext("sma", "paper", 100), bars.Where(b => b.Symbol == symbol));
            Assert.NotEmpty(alone);
            Assert.Equal(alone.Select(Key), together.Where(s => s.Symbol == symbol).Select(Key));
        }
    }
}
