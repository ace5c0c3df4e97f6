using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.BuiltIn;
using AqTrading.Strategies.Engine.Replay;
using static AqTrading.Strategies.UnitTests.TestBars;

namespace AqTrading.Strategies.UnitTests;

public sealed class ReplayTests
{
    /// <summary>Records every callback in order; buys 1 on every bar while flat, sells 1 while long.</summary>
    private sealed class Recorder(int warmup, decimal? limit = null, decimal? stop = null) : Strategy("rec", ["AAA", "BBB"])
    {
        public List<string> Calls { get; } = [];

        public override int WarmupBars => warmup;

        public override void OnStart(IStrategyContext context) => Calls.Add("start");

        public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context)
        {
            Calls.Add($"bar {bar.Symbol} {bar.Close}");
            var held = context.GetPosition(bar.Symbol)?.Quantity ?? 0m;
            return held == 0m ? [Buy(context, bar.Symbol, 1m, "in", limitPrice: limit, stopPrice: stop)] : [Sell(context, bar.Symbol, held, "out")];
        }

        public override void OnFill(StrategyFill fill, IStrategyContext context) =>
            Calls.Add($"fill {fill.Symbol} {fill.Side} {fill.Price} pos {context.GetPosition(fill.Symbol)?.Quantity ?? 0m}");

        public override void OnStop(IStrategyContext context) => Calls.Add("stop");
    }

    [Fact]
    public void Bars_are_replayed_in_time_order_and_market_signals_fill_at_the_close_before_the_next_bar()
    {
        var strategy = new Recorder(warmup: 0);
        // Given out of order; BBB's bar ends between AAA's two bars.
        var bars = new[] { Bar("AAA", 2, 12m), Bar("AAA", 0, 10m), Bar("BBB", 1, 50m) };

        var result = BarReplay.Run(strategy, bars);

        Assert.Equal(
        [
            "start",
            "bar AAA 10", "fill AAA Buy 10 pos 1",
            "bar BBB 50", "fill BBB Buy 50 pos 1",
            "bar AAA 12", "fill AAA Sell 12 pos 0",
            "stop",
        ], strategy.Calls);
        Assert.Equal(["AAA", "BBB", "AAA"], result.Signals.Select(s => s.Signal.Symbol));
        Assert.All(result.Signals, s => Assert.NotNull(s.Fill));
        Assert.Equal(2m, result.Pnl.Realized);           // bought 10, sold 12
        Assert.Equal(0m, result.Pnl.Unrealized);         // BBB marked at its close 50
        Assert.Equal([("BBB", 1m)], result.Positions.Select(p => (p.Symbol, p.Quantity)));
    }

    [Fact]
    public void Warm_up_bars_reach_the_strategy_but_their_signals_are_suppressed_per_symbol()
    {
        var strategy = new Recorder(warmup: 2);
        var bars = new[] { Bar("AAA", 0, 10m), Bar("AAA", 1, 11m), Bar("BBB", 2, 50m), Bar("AAA", 3, 12m), Bar("BBB", 4, 51m), Bar("BBB", 5, 52m) };

        var result = BarReplay.Run(strategy, bars);

        Assert.Equal(6, strategy.Calls.Count(c => c.StartsWith("bar")));
        Assert.Equal(4, result.SuppressedSignals);       // AAA bars 1–2, BBB bars 1–2
        Assert.Equal([("AAA", 12m), ("BBB", 52m)], result.Signals.Select(s => (s.Signal.Symbol, s.Fill!.Price)));
    }

    [Fact]
    public void A_limit_signal_rests_and_fills_on_a_later_bar_that_reaches_it()
    {
        var strategy = new Recorder(warmup: 0, limit: 9m);
        var bars = new[]
        {
            Bar("AAA", 0, 10m),
            Bar("AAA", 1, 10m, low: 9.5m),             // does not reach 9: no fill
            Bar("AAA", 2, 10m, open: 8.5m, low: 8m),  // gaps through 9: fills at the open 8.5
        };

        var result = BarReplay.Run(strategy, bars);

        var first = result.Signals[0];
        Assert.Equal(8.5m, first.Fill!.Price);
        Assert.Equal(bars[2].End, first.Fill.Time);
        Assert.Contains("fill AAA Buy 8.5 pos 1", strategy.Calls);
        // The fill came before bar 3's OnBar, so bar 3 saw the position and sold.
        Assert.Equal(SignalSide.Sell, result.Signals[^1].Signal.Side);
    }

    [Fact]
    public void A_stop_signal_rests_until_a_bar_trades_through_its_stop_and_fills_at_the_stop_or_a_worse_open()
    {
        var strategy = new Recorder(warmup: 0, stop: 11m);
        var bars = new[]
        {
            Bar("AAA", 0, 10m),
            Bar("AAA", 1, 10.5m, high: 10.9m),            // below the stop: rests
            Bar("AAA", 2, 11.5m, open: 10.6m, high: 12m), // trades through 11 inside the bar: fills at the stop
        };

        var result = BarReplay.Run(strategy, bars);

        var entry = result.Signals[0];
        Assert.Equal(SignalOrderType.Stop, entry.Signal.OrderType);
        Assert.Equal(11m, entry.Signal.StopPrice);
        Assert.Equal((11m, bars[2].End), (entry.Fill!.Price, entry.Fill.Time));

        var gapped = BarReplay.Run(new Recorder(warmup: 0, stop: 11m), [Bar("AAA", 0, 10m), Bar("AAA", 1, 12.5m, open: 12m)]);
        Assert.Equal(12m, gapped.Signals[0].Fill!.Price); // gapped over the stop: the open, worse than the stop
    }

    [Fact]
    public void A_stop_limit_signal_triggered_beyond_its_limit_waits_for_the_limit()
    {
        var strategy = new Recorder(warmup: 0, limit: 11.2m, stop: 11m);
        var bars = new[]
        {
            Bar("AAA", 0, 10m),
            Bar("AAA", 1, 12m, open: 11.5m, low: 11.4m), // triggered by the open, but never back to 11.2
            Bar("AAA", 2, 11.3m, open: 11.6m, low: 11.1m), // a plain limit now: fills at 11.2
        };

        var result = BarReplay.Run(strategy, bars);

        Assert.Equal(SignalOrderType.StopLimit, result.Signals[0].Signal.OrderType);
        Assert.Equal((11.2m, bars[2].End), (result.Signals[0].Fill!.Price, result.Signals[0].Fill!.Time));
    }

    [Theory]
    [InlineData(null, null, "Stop", "needs a positive stop price")]
    [InlineData(null, 0, "Stop", "needs a positive stop price")]
    [InlineData(10, null, "StopLimit", "needs a positive stop price")]
    [InlineData(null, 10, "StopLimit", "needs a positive limit price")]
    [InlineData(null, 10, "Market", "cannot carry a stop price")]
    [InlineData(10, 10, "Limit", "cannot carry a stop price")]
    public void A_signal_whose_prices_do_not_fit_its_order_type_is_an_error(int? limit, int? stop, string type, string problem)
    {
        var strategy = new Raw(s => s with { OrderType = Enum.Parse<SignalOrderType>(type), LimitPrice = limit, StopPrice = stop });
        var error = Assert.Throws<InvalidOperationException>(() => BarReplay.Run(strategy, [Bar("AAA", 0, 10m)]));
        Assert.Contains(problem, error.Message);
    }

    /// <summary>Emits one market buy per bar, reshaped by <paramref name="reshape"/> to test the driver's checks.</summary>
    private sealed class Raw(Func<Signal, Signal> reshape) : Strategy("raw", ["AAA"])
    {
        public override int WarmupBars => 0;

        public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) => [reshape(Buy(context, "AAA", 1m, "raw"))];
    }

    [Fact]
    public void The_same_bars_give_the_same_signals_and_ids()
    {
        var bars = Closes("AAA", 100m, 101m, 103m, 104m, 99m, 96m, 97m, 101m, 104m);
        MomentumStrategy Fresh() => new("m1", ["AAA"], new MomentumParameters(3, 0.02m, 5m));

        var first = BarReplay.Run(Fresh(), bars).Signals.Select(s => s.Signal).ToList();
        var second = BarReplay.Run(Fresh(), bars).Signals.Select(s => s.Signal).ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(s => (s.Id, s.Side, s.Quantity, s.Time)), second.Select(s => (s.Id, s.Side, s.Quantity, s.Time)));
        Assert.All(first, s => Assert.NotEqual(Guid.Empty, s.Id));
    }

    [Fact]
    public void A_strategy_emitting_a_signal_for_a_foreign_symbol_is_an_error()
    {
        var strategy = new Foreign();
        var error = Assert.Throws<InvalidOperationException>(() => BarReplay.Run(strategy, [Bar("AAA", 0, 1m)]));
        Assert.Contains("ZZZ", error.Message);
    }

    private sealed class Foreign() : Strategy("f", ["AAA"])
    {
        public override int WarmupBars => 0;

        public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context) => [Buy(context, "ZZZ", 1m, "elsewhere")];
    }
}
