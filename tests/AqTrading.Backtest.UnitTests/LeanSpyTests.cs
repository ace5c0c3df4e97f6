using System.IO.Compression;
using AqTrading.Backtest.Engine;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Import;
using AqTrading.Strategies.Engine.BuiltIn;

namespace AqTrading.Backtest.UnitTests;

/// <summary>A real run: LEAN's SPY daily sample (raw prices adjusted with its factor file), SMA 10/30 crossover, 2005–2020.</summary>
public sealed class LeanSpyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Sma_crossover_over_spy_daily_finishes_with_sane_statistics()
    {
        var root = LeanRoot();
        List<Bar> bars;
        using (var zip = ZipFile.OpenRead(Path.Combine(root, "daily", "spy.zip")))
        using (var reader = new StreamReader(zip.Entries[0].Open()))
        {
            bars = LeanReader.ReadDaily(reader, "spy.zip", "SPY");
        }

        List<FactorRow> factors;
        using (var reader = File.OpenText(Path.Combine(root, "factor_files", "spy.csv")))
        {
            factors = FactorFile.Read(reader, "spy.csv");
        }

        var strategy = new SmaCrossoverStrategy("sma-spy", ["SPY"], new SmaCrossoverParameters(10, 30, 100m));
        var spec = new BacktestSpec(strategy, new DateTimeOffset(2005, 1, 3, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero),
            Sizing: PositionSizing.EquityFraction(0.95m), BenchmarkSymbol: "SPY",
            FactorRows: new Dictionary<string, IReadOnlyList<FactorRow>> { ["SPY"] = factors });
        var result = BacktestEngine.Run(spec, new InMemoryBarSource(bars));
        var s = result.Statistics;
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(s));
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(result.Benchmark! with { Curve = [] }));

        Assert.InRange(result.EquityCurve.Count, 3_900, 4_100); // ~252 trading days × 16 years
        Assert.InRange(s.Trades, 40, 250);
        Assert.Equal(0, result.Summary.Rejected);
        Assert.InRange(s.TotalReturn, -0.5, 5);
        Assert.InRange(s.Sharpe, -1, 2);
        Assert.InRange(s.AnnualVolatility, 0.03, 0.3);
        Assert.InRange(s.MaxDrawdown, 0.05, 0.6);
        Assert.InRange(s.TimeInMarket, 0.4, 0.9);
        Assert.InRange(s.WinRate, 0.2, 0.8);
        Assert.InRange(s.ValueAtRisk95, 0.001, 0.05);
        Assert.True(s.ValueAtRisk99 >= s.ValueAtRisk95);
        var benchmark = Assert.IsType<BenchmarkReport>(result.Benchmark);
        Assert.InRange(benchmark.TotalReturn, 2, 4); // SPY adjusted, 2005 → 2020: about +300 %
        Assert.InRange(benchmark.Beta, 0.2, 1.0); // in the market part of the time, with 95 % of equity
        Assert.All(result.Traces, t => Assert.Equal(5.00m, t.SlippageBps));
    }

    /// <summary>The shared sample data sits beside the checkout: ../shared/data/lean/equity/usa.</summary>
    private static string LeanRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AqTrading.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "lean", "equity", "usa"));
                return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"The LEAN sample data is expected at {path}.");
            }
        }

        throw new DirectoryNotFoundException("AqTrading.sln not found above the test binaries.");
    }
}
