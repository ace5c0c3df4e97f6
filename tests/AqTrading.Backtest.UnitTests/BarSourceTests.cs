using System.Text.Json;
using AqTrading.Backtest.Engine;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine.BuiltIn;
using static AqTrading.Backtest.UnitTests.TestData;

namespace AqTrading.Backtest.UnitTests;

/// <summary>
/// <see cref="InMemoryBarSource"/> finds ranges by binary search, and the engine takes the ranges of a symbol whose bars
/// are in order without reading them again: both must give what the linear reading gives.
/// </summary>
public sealed class BarSourceTests
{
    /// <summary>A source the engine does not know: it reads every bar <see cref="InMemoryBarSource.GetBars"/> returns.</summary>
    private sealed class Opaque(IBarSource inner) : IBarSource
    {
        public IReadOnlyList<Bar> GetBars(string symbol, DateTimeOffset start, int warmupBars, DateTimeOffset end) =>
            inner.GetBars(symbol, start, warmupBars, end).ToArray();
    }

    /// <summary>What GetBars returned before the binary search: scan for the first bar starting at or after the start.</summary>
    private static List<Bar> Linear(IReadOnlyList<Bar> sorted, DateTimeOffset start, int warmup, DateTimeOffset end)
    {
        var firstTraded = 0;
        while (firstTraded < sorted.Count && sorted[firstTraded].Start < start)
        {
            firstTraded++;
        }

        var to = firstTraded;
        while (to < sorted.Count && sorted[to].End <= end)
        {
            to++;
        }

        var from = Math.Max(0, firstTraded - Math.Max(0, warmup));
        return sorted.Skip(from).Take(to - from).ToList();
    }

    public static TheoryData<bool> Shapes => [false, true];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Ranges_are_those_of_a_linear_scan(bool mixedLengths)
    {
        // Daily bars, and (mixed) bars of one to three days: ends ascend, starts do not (the source is then not "ordered").
        var bars = Enumerable.Range(0, 40).Select(d => mixedLengths && d % 7 == 3
            ? new Bar("AAA", "3d", Day0.AddDays(d - 2), Day0.AddDays(d + 1), 1m, 1m, 1m, 1m, 1)
            : Flat("AAA", d, 10m + d)).ToList();
        var source = new InMemoryBarSource(bars);
        var sorted = bars.OrderBy(b => b.End).ToList();
        foreach (var start in new[] { -5, 0, 1, 10, 17, 39, 40, 60 })
        {
            foreach (var end in new[] { -3, 0, 5, 20, 39, 40, 41, 100 })
            {
                foreach (var warmup in new[] { 0, 1, 3, 12, 50 })
                {
                    var expected = Linear(sorted, Day0.AddDays(start), warmup, Day0.AddDays(end));
                    Assert.Equal(expected, source.GetBars("aaa", Day0.AddDays(start), warmup, Day0.AddDays(end)));
                }
            }
        }

        Assert.Empty(source.GetBars("ZZZ", Day0, 5, Day0.AddDays(10)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_run_over_an_in_memory_source_equals_a_run_that_reads_every_bar(bool mixedLengths)
    {
        var bars = Enumerable.Range(0, 200).SelectMany(d => new[] { "AAA", "BBB" }.Select((s, k) =>
        {
            var price = Math.Round(100m + 10m * (decimal)Math.Sin((d + 5 * k) / 7.0), 2);
            return Daily(s, d, price, price + 1, price - 1, price);
        })).ToList();
        if (mixedLengths)
        {
            // A weekly bar of BBB among its dailies: BBB is read bar by bar, AAA by range.
            bars.Add(new Bar("BBB", "1w", Day0.AddDays(93), Day0.AddDays(100).AddHours(1), 100m, 101m, 99m, 100m, 5));
        }

        var source = new InMemoryBarSource(bars);
        foreach (var (startDay, endDay) in new[] { (40, 150), (25, 1000), (60, 61) })
        {
            string Run(IBarSource from) => JsonSerializer.Serialize(BacktestEngine.Run(
                Spec(new SmaCrossoverStrategy("sma", ["AAA", "BBB"], new(5, 20, 10m, "long_short")), startDay, endDay,
                    account: AccountModel.MarginAccount(), benchmark: "AAA"), from));

            Assert.Equal(Run(new Opaque(source)), Run(source));
        }

        // Too little history: the same error either way.
        var spec = Spec(new SmaCrossoverStrategy("sma", ["AAA"], new(5, 20, 10m)), startDay: 10);
        Assert.Equal(
            Assert.Throws<BacktestException>(() => BacktestEngine.Run(spec, new Opaque(source))).Message,
            Assert.Throws<BacktestException>(() => BacktestEngine.Run(spec, source)).Message);
    }

    [Fact]
    public void Two_bars_of_one_end_are_refused_from_an_in_memory_source_too()
    {
        var bars = Enumerable.Range(0, 10).Select(d => Flat("AAA", d, 100m)).Append(Flat("AAA", 6, 101m));
        var error = Assert.Throws<BacktestException>(() => BacktestEngine.Run(Spec(Script("AAA", 0)), new InMemoryBarSource(bars)));
        Assert.Contains("not in time order", error.Message);
    }
}
