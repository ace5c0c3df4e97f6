using System.Text.Json;
using AqTrading.Backtest.Engine;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.Replay;
using static AqTrading.Backtest.UnitTests.TestData;

namespace AqTrading.Backtest.UnitTests;

public sealed class EngineTests
{
    private static readonly List<Bar> Ramp = Series("AAA", (100, 100), (101, 102), (103, 104), (105, 106), (107, 108), (109, 110));

    [Fact]
    public void Market_order_fills_at_the_next_bar_open_with_slippage_and_fees_and_positive_slippage_on_both_sides()
    {
        var strategy = Script("AAA", 0, (1, new Order(SignalSide.Buy, 10m)), (3, new Order(SignalSide.Sell, 10m)));
        var result = BacktestEngine.Run(Spec(strategy, slippage: SlippageModel.FixedBps(5m), fees: FeeModel.PerShare(0.005m)), new InMemoryBarSource(Ramp));

        Assert.Collection(result.Fills,
            buy => Assert.Equal((103m, 103m * 1.0005m, 0.05m, Day0.AddDays(3)), (buy.ModelPrice, buy.Price, buy.Fee, buy.Time)),
            sell => Assert.Equal((107m, 107m * 0.9995m), (sell.ModelPrice, sell.Price)));
        Assert.All(result.Traces, t =>
        {
            Assert.Equal(TraceStatus.Filled, t.Status);
            Assert.Equal("next_bar_open", t.ExpectedPriceType);
            Assert.Equal(5.00m, t.SlippageBps);
        });
        Assert.Equal(103m, result.Traces[0].ExpectedPrice);
        Assert.Equal(102m, result.Traces[0].SignalBar.Close);
        Assert.True(result.Fills[0].Time > result.Traces[0].SignalTime);

        var trade = Assert.Single(result.Trades);
        var expected = (107m * 0.9995m - 103m * 1.0005m) * 10m - 0.10m;
        Assert.Equal((TradeDirection.Long, false, expected), (trade.Direction, trade.IsOpen, trade.Pnl));
        Assert.Equal(100_000m + expected, result.Summary.FinalEquity);
        // The strategy heard about its fills through the shared API.
        Assert.Equal(2, strategy.Fills.Count);
    }

    [Fact]
    public void Bar_close_model_fills_on_the_signal_bar()
    {
        var strategy = Script("AAA", 0, (1, new Order(SignalSide.Buy, 10m)));
        var result = BacktestEngine.Run(Spec(strategy, fill: FillModel.BarClose), new InMemoryBarSource(Ramp));
        var fill = Assert.Single(result.Fills);
        Assert.Equal((102m, Day0.AddDays(2)), (fill.Price, fill.Time));
        Assert.Equal("bar_close", result.Traces[0].ExpectedPriceType);
        Assert.Equal(0m, result.Traces[0].SlippageBps);
    }

    [Fact]
    public void Quote_model_buys_at_the_ask_and_sells_at_the_bid()
    {
        var quotes = new[]
        {
            new Quote("AAA", 101.9m, 102.1m, null, 100, 100, Day0.AddDays(2)),
            new Quote("AAA", 105.8m, 106.2m, null, 100, 100, Day0.AddDays(4).AddHours(1)),
        };
        var strategy = Script("AAA", 0, (1, new Order(SignalSide.Buy, 10m)), (3, new Order(SignalSide.Sell, 10m)));
        var result = BacktestEngine.Run(Spec(strategy, fill: FillModel.Quote), new InMemoryBarSource(Ramp, quotes));
        Assert.Equal([102.1m, 105.8m], result.Fills.Select(f => f.Price));
        // (102.1 − 102) / 102 × 10⁴ = 9.80 bps; (106 − 105.8) / 106 × 10⁴ = 18.87 bps: both unfavourable, both positive.
        Assert.Equal([9.80m, 18.87m], result.Traces.Select(t => t.SlippageBps!.Value));
        Assert.All(result.Traces, t => Assert.Equal("quote_mid", t.ExpectedPriceType));
    }

    [Fact]
    public void Quote_model_without_quotes_falls_back_to_the_next_open()
    {
        var strategy = Script("AAA", 0, (1, new Order(SignalSide.Buy, 10m)));
        var result = BacktestEngine.Run(Spec(strategy, fill: FillModel.Quote), new InMemoryBarSource(Ramp));
        Assert.Equal(103m, Assert.Single(result.Fills).Price);
    }

    [Fact]
    public void Limit_order_rests_until_the_bar_reaches_it()
    {
        var bars = Series("AAA", (100, 100), (100, 100), (100, 99), (99, 97), (97, 98));
        var strategy = Script("AAA", 0, (0, new Order(SignalSide.Buy, 5m, Limit: 98m)));
        var result = BacktestEngine.Run(Spec(strategy), new InMemoryBarSource(bars));
        var fill = Assert.Single(result.Fills);
        Assert.Equal((98m, Day0.AddDays(4)), (fill.Price, fill.Time));
        Assert.Equal("order_price", result.Traces[0].ExpectedPriceType);
    }

    [Fact]
    public void A_protective_stop_from_the_strategy_sells_when_the_price_falls_through_it_and_the_trace_shows_the_gap()
    {
        // Bought at day 1's open 100; a sell stop at 95 placed on day 1; day 3 gaps down to 93 through the stop.
        var bars = Series("AAA", (100, 100), (100, 99), (99, 96), (93, 92), (92, 94));
        var strategy = Script("AAA", 0, (0, new Order(SignalSide.Buy, 10m)), (1, new Order(SignalSide.Sell, 10m, Stop: 95m)));
        var result = BacktestEngine.Run(Spec(strategy), new InMemoryBarSource(bars));

        Assert.Equal(2, result.Fills.Count);
        var stop = result.Fills[1];
        Assert.Equal((SignalSide.Sell, 93m, Day0.AddDays(4)), (stop.Side, stop.Price, stop.Time)); // filled at the end of the gap bar
        var trace = result.Traces[1];
        Assert.Equal((OrderType.Stop, "order_price", 95m), (trace.OrderType, trace.ExpectedPriceType, trace.ExpectedPrice));
    }

    [Fact]
    public void Warmup_bars_reach_the_strategy_but_are_never_traded()
    {
        var bars = Enumerable.Range(0, 10).Select(d => Flat("AAA", d, 100m + d)).ToList();
        // Signals on every bar; the run starts at day 5 with 3 warm-up bars (days 2–4).
        var strategy = new ScriptedStrategy(["AAA"], 3, (_, _, _) => new Order(SignalSide.Buy, 1m));
        var result = BacktestEngine.Run(Spec(strategy, startDay: 5), new InMemoryBarSource(bars));

        Assert.Equal(Enumerable.Range(2, 8).Select(d => Day0.AddDays(d)), strategy.Seen.Select(b => b.Start));
        Assert.All(result.Fills, f => Assert.True(f.Time > Day0.AddDays(5)));
        Assert.Equal(3, result.Summary.SignalsDroppedInWarmup);
        Assert.Equal(3, result.Summary.WarmupBarsUsed);
        Assert.All(result.Traces, t => Assert.True(t.SignalTime > Day0.AddDays(5)));
        Assert.Equal(Day0.AddDays(6), result.EquityCurve[0].Time);
        Assert.Equal(100_000d, result.EquityCurve[0].Equity); // next-bar-open: nothing filled on the first bar
    }

    [Fact]
    public void The_strategy_sees_the_same_bar_history_and_marks_as_on_the_live_path()
    {
        // Two symbols over 130 days (more than the context keeps: 100 bars), the run starting at day 20 with 5 warm-up
        // bars, so history starts with the warm-up and is then capped. The engine reads history from its bar arrays; the
        // replay path (what the live runner uses) keeps a ring per symbol. Both must show the strategy the same bars.
        var bars = Enumerable.Range(0, 130).SelectMany(d => new[] { Flat("AAA", d, 100m + d), Flat("BBB", d, 500m - d) }).ToList();
        List<string> Watch(Func<Strategy, IReadOnlyList<Bar>> run)
        {
            var seen = new List<string>();
            var strategy = new ScriptedStrategy(["AAA", "BBB"], 5, (bar, n, context) =>
            {
                var own = context.History(bar.Symbol);
                var other = context.History(bar.Symbol == "AAA" ? "BBB" : "AAA");
                Assert.Same(bar, own[^1]); // the bar being processed is in its symbol's history
                seen.Add($"{bar.Symbol}@{bar.End:MM-dd}: own {own.Count} {own[0].End:MM-dd}..{own[^1].End:MM-dd}, "
                    + $"other {other.Count} {(other.Count > 0 ? $"{other[0].End:MM-dd}..{other[^1].End:MM-dd}" : "-")}");
                if (context.GetPosition("AAA") is { } held)
                {
                    Assert.Equal(context.History("AAA")[^1].Close, held.Mark); // marked at the latest close
                    Assert.Equal((held.Mark!.Value - held.AverageCost) * held.Quantity, held.UnrealizedPnl);
                }

                return bar.Symbol == "AAA" && n == 10 ? new Order(SignalSide.Buy, 3m) : null;
            });
            var fed = run(strategy);
            Assert.NotEmpty(fed);
            return seen;
        }

        var backtest = Watch(strategy =>
        {
            var result = BacktestEngine.Run(Spec(strategy, startDay: 20), new InMemoryBarSource(bars));
            Assert.Single(result.Fills);
            return ((ScriptedStrategy)strategy).Seen;
        });
        var replay = Watch(strategy =>
        {
            BarReplay.Run(strategy, bars.Where(b => b.Start >= Day0.AddDays(15)));
            return ((ScriptedStrategy)strategy).Seen;
        });

        Assert.Equal(2 * 115, backtest.Count);
        Assert.Equal(replay, backtest);
        Assert.Equal("AAA@01-17: own 1 01-17..01-17, other 0 -", backtest[0]);
        Assert.Equal("BBB@01-17: own 1 01-17..01-17, other 1 01-17..01-17", backtest[1]);
        Assert.Equal("AAA@05-10: own 100 02-01..05-10, other 100 01-31..05-09", backtest[^2]); // capped at 100
    }

    [Fact]
    public void Warmup_shortfall_is_a_clear_error()
    {
        var bars = Enumerable.Range(0, 10).Select(d => Flat("AAA", d, 100m)).ToList();
        var error = Assert.Throws<BacktestException>(() =>
            BacktestEngine.Run(Spec(Script("AAA", 8), startDay: 5), new InMemoryBarSource(bars)));
        Assert.Contains("Insufficient warm-up data for AAA", error.Message);
        Assert.Contains("needs 8 bars", error.Message);
        Assert.Contains("has 5", error.Message);
    }

    [Fact]
    public void Cash_account_refuses_shorts_and_buys_beyond_its_cash()
    {
        var strategy = Script("AAA", 0, (0, new Order(SignalSide.Sell, 10m)), (1, new Order(SignalSide.Buy, 10_000m)));
        var result = BacktestEngine.Run(Spec(strategy), new InMemoryBarSource(Ramp));
        Assert.Empty(result.Fills);
        Assert.Equal(["short_not_allowed", "insufficient_cash"], result.Traces.Select(t => t.RejectReason!));
        Assert.All(result.Traces, t => Assert.Null(t.SlippageBps));
        Assert.Equal(2, result.Summary.Rejected);
    }

    [Fact]
    public void Margin_account_shorts_and_books_the_round_trip()
    {
        var bars = Series("AAA", (100, 100), (100, 100), (100, 95), (90, 90), (90, 90));
        var strategy = Script("AAA", 0, (0, new Order(SignalSide.Sell, 10m)), (2, new Order(SignalSide.Buy, 10m)));
        var result = BacktestEngine.Run(Spec(strategy, account: AccountModel.MarginAccount()), new InMemoryBarSource(bars));
        var trade = Assert.Single(result.Trades);
        Assert.Equal((TradeDirection.Short, 100m, 90m, 100m), (trade.Direction, trade.EntryPrice, trade.ExitPrice!.Value, trade.Pnl));
        Assert.Equal(100_100m, result.Summary.FinalEquity);
        Assert.Equal(-10m, result.Positions[0].Quantity);
        Assert.Equal(0m, result.Positions[1].Quantity);
    }

    [Fact]
    public void Margin_account_refuses_leverage_beyond_its_limit()
    {
        var strategy = Script("AAA", 0, (0, new Order(SignalSide.Buy, 2_500m)));
        var result = BacktestEngine.Run(Spec(strategy, capital: 100_000m, account: AccountModel.MarginAccount(2m)), new InMemoryBarSource(Ramp));
        Assert.Equal("insufficient_buying_power", Assert.Single(result.Traces).RejectReason); // 2,500 × 101 > 2 × equity
    }

    [Fact]
    public void Reversal_closes_one_trip_and_opens_the_next()
    {
        var strategy = Script("AAA", 0, (0, new Order(SignalSide.Buy, 10m)), (2, new Order(SignalSide.Sell, 20m)));
        var result = BacktestEngine.Run(Spec(strategy, account: AccountModel.MarginAccount()), new InMemoryBarSource(Ramp));
        Assert.Collection(result.Trades,
            // The short of 10 from 105 is marked at the last close, 110.
            closed => Assert.Equal((TradeDirection.Long, 101m, 105m, 40m, false), (closed.Direction, closed.EntryPrice, closed.ExitPrice!.Value, closed.Pnl, closed.IsOpen)),
            open => Assert.Equal((TradeDirection.Short, 105m, 10m, -50m, true), (open.Direction, open.EntryPrice, open.Quantity, open.Pnl, open.IsOpen)));
    }

    [Fact]
    public void Equity_fraction_sizing_targets_a_share_of_equity_with_a_cash_buffer()
    {
        var strategy = Script("AAA", 0, (1, new Order(SignalSide.Buy, 1m)), (3, new Order(SignalSide.Sell, 1m)));
        var result = BacktestEngine.Run(Spec(strategy, sizing: PositionSizing.EquityFraction(0.5m, 0.02m)), new InMemoryBarSource(Ramp));
        // 0.5 × 100,000 × 0.98 / 102 (signal close) = 480.39 → 480 shares; the sell exits the whole long.
        Assert.Equal([480m, 480m], result.Fills.Select(f => f.Quantity));
        Assert.Equal(1m, result.Traces[0].RequestedQuantity);
    }

    [Fact]
    public void Daily_and_intraday_bars_of_several_symbols_arrive_in_time_order()
    {
        var daily = Enumerable.Range(0, 3).Select(d => Flat("DDD", d, 50m));
        var minutes = Enumerable.Range(0, 3).SelectMany(d => Enumerable.Range(0, 4).Select(m =>
            new Bar("MMM", "1m", Day0.AddDays(d).AddHours(15).AddMinutes(m), Day0.AddDays(d).AddHours(15).AddMinutes(m + 1), 10m, 10m, 10m, 10m, 100)));
        var strategy = new ScriptedStrategy(["MMM", "DDD"], 0, (_, _, _) => null);
        var result = BacktestEngine.Run(Spec(strategy), new InMemoryBarSource(daily.Concat(minutes).Reverse()));
        Assert.Equal(15, strategy.Seen.Count);
        Assert.Equal(strategy.Seen.Select(b => b.End).Order(), strategy.Seen.Select(b => b.End));
        Assert.Equal("DDD", strategy.Seen[4].Symbol); // day 0's daily bar ends at midnight, after its minutes
        Assert.Equal(15, result.EquityCurve.Count); // one point per distinct end time
        Assert.Equal(3, result.Statistics.Periods); // statistics on one point per trading day
    }

    [Fact]
    public void Benchmark_is_buy_and_hold_of_its_symbol()
    {
        var spy = Series("SPY", (200, 200), (200, 210), (210, 220), (220, 230), (230, 240), (240, 250));
        var strategy = Script("AAA", 0);
        var result = BacktestEngine.Run(Spec(strategy, benchmark: "SPY"), new InMemoryBarSource(Ramp.Concat(spy)));
        var benchmark = Assert.IsType<BenchmarkReport>(result.Benchmark);
        Assert.Equal(6, benchmark.AlignedPoints);
        Assert.Equal(100_000d, benchmark.Curve[0].Value);
        Assert.Equal(125_000d, benchmark.Curve[^1].Value);
        Assert.Equal(0.25, benchmark.TotalReturn, 1e-12);
        Assert.Equal(0, benchmark.Beta); // a flat strategy
        Assert.Null(BacktestEngine.Run(Spec(Script("AAA", 0), benchmark: "NONE"), new InMemoryBarSource(Ramp)).Benchmark);
    }

    [Fact]
    public void Split_factors_adjust_the_bars_the_strategy_sees()
    {
        var bars = Series("AAA", (200, 200), (100, 100));
        var strategy = new ScriptedStrategy(["AAA"], 0, (_, _, _) => null);
        var rows = new Dictionary<string, IReadOnlyList<AqTrading.MarketData.Core.Import.FactorRow>>
        {
            // A 2:1 split after day 0 (LEAN rows are New York dates; day 0 starts 2023-12-31 19:00 in New York).
            ["AAA"] = [new(new DateOnly(2023, 12, 31), 1m, 0.5m, 200m), new(new DateOnly(2050, 1, 1), 1m, 1m, 0m)],
        };
        BacktestEngine.Run(Spec(strategy) with { FactorRows = rows }, new InMemoryBarSource(bars));
        Assert.Equal([100m, 100m], strategy.Seen.Select(b => b.Close));
    }

    [Fact]
    public void Same_inputs_give_byte_identical_results()
    {
        var bars = Enumerable.Range(0, 300).SelectMany(d => new[] { "AAA", "BBB", "CCC" }.Select((s, k) =>
        {
            var price = 100m + 10m * (decimal)Math.Sin((d + 7 * k) / 9.0);
            return Daily(s, d, Math.Round(price, 2), Math.Round(price + 1, 2), Math.Round(price - 1, 2), Math.Round(price + 0.5m, 2));
        })).ToList();
        string Run()
        {
            var strategy = new AqTrading.Strategies.Engine.BuiltIn.SmaCrossoverStrategy("sma", ["AAA", "BBB", "CCC"], new(5, 20, 50m, "long_short"));
            var spec = Spec(strategy, startDay: 30, slippage: SlippageModel.FixedBps(5m), fees: FeeModel.InteractiveBrokersFixed,
                account: AccountModel.MarginAccount(), benchmark: "AAA");
            return JsonSerializer.Serialize(BacktestEngine.Run(spec, new InMemoryBarSource(bars)));
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.Contains("\"Fills\":[{", first);
    }

    [Fact]
    public void Progress_is_reported_and_cancellation_stops_the_run()
    {
        var bars = Enumerable.Range(0, 10_000).Select(d => Flat("AAA", d, 100m)).ToList();
        var reports = new List<double>();
        BacktestEngine.Run(Spec(Script("AAA", 0), endDay: 20_000), new InMemoryBarSource(bars), new SyncProgress(reports.Add));
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            BacktestEngine.Run(Spec(Script("AAA", 0), endDay: 20_000), new InMemoryBarSource(bars), null, cancelled.Token));
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
