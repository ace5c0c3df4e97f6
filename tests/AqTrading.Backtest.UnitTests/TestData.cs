using AqTrading.Backtest.Engine;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.UnitTests;

/// <summary>One instruction of a scripted strategy.</summary>
internal sealed record Order(SignalSide Side, decimal Quantity, decimal? Limit = null, decimal? Stop = null);

/// <summary>A strategy whose signals are given per (symbol, bar number counted from 0, warm-up included).</summary>
internal sealed class ScriptedStrategy(IReadOnlyList<string> symbols, int warmup, Func<Bar, int, IStrategyContext, Order?> script)
    : Strategy("scripted", symbols)
{
    private readonly Dictionary<string, int> _seen = [];

    public List<Bar> Seen { get; } = [];

    public List<StrategyFill> Fills { get; } = [];

    public override int WarmupBars => warmup;

    public override void OnStart(IStrategyContext context)
    {
        _seen.Clear();
        Seen.Clear();
        Fills.Clear();
    }

    public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context)
    {
        Seen.Add(bar);
        var n = _seen[bar.Symbol] = _seen.GetValueOrDefault(bar.Symbol, -1) + 1;
        if (script(bar, n, context) is not { } order)
        {
            return [];
        }

        return order.Side == SignalSide.Buy
            ? [Buy(context, bar.Symbol, order.Quantity, "script", limitPrice: order.Limit, stopPrice: order.Stop)]
            : [Sell(context, bar.Symbol, order.Quantity, "script", limitPrice: order.Limit, stopPrice: order.Stop)];
    }

    public override void OnFill(StrategyFill fill, IStrategyContext context) => Fills.Add(fill);
}

internal static class TestData
{
    public static readonly DateTimeOffset Day0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A daily bar (UTC days) numbered from <see cref="Day0"/>.</summary>
    public static Bar Daily(string symbol, int day, decimal open, decimal high, decimal low, decimal close, long volume = 1_000_000) =>
        new(symbol, "1d", Day0.AddDays(day), Day0.AddDays(day + 1), open, high, low, close, volume);

    public static Bar Flat(string symbol, int day, decimal price) => Daily(symbol, day, price, price, price, price);

    /// <summary>Bars from the given (open, close) pairs, high/low the max/min of the two.</summary>
    public static List<Bar> Series(string symbol, params (decimal Open, decimal Close)[] bars) =>
        bars.Select((b, i) => Daily(symbol, i, b.Open, Math.Max(b.Open, b.Close), Math.Min(b.Open, b.Close), b.Close)).ToList();

    public static BacktestSpec Spec(Strategy strategy, int startDay = 0, int endDay = 1000, FillModel fill = FillModel.NextBarOpen,
        SlippageModel? slippage = null, FeeModel? fees = null, AccountModel? account = null, PositionSizing? sizing = null,
        decimal capital = 100_000m, string? benchmark = null) =>
        new(strategy, Day0.AddDays(startDay), Day0.AddDays(endDay), capital, fill, slippage ?? SlippageModel.None, fees ?? FeeModel.None,
            account, sizing, benchmark);

    /// <summary>Signals: bar number → order, for one symbol.</summary>
    public static ScriptedStrategy Script(string symbol, int warmup, params (int Bar, Order Order)[] orders) =>
        new([symbol], warmup, (_, n, _) => orders.FirstOrDefault(o => o.Bar == n).Order);
}
