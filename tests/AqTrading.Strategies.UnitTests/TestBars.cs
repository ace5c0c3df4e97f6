using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;

namespace AqTrading.Strategies.UnitTests;

internal static class TestBars
{
    public static readonly DateTimeOffset Origin = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    public static Bar Bar(string symbol, int index, decimal close, decimal? high = null, long volume = 1000, decimal? open = null, decimal? low = null) =>
        new(symbol, "1m", Origin.AddMinutes(index), Origin.AddMinutes(index + 1), open ?? close, high ?? close, low ?? close, close, volume);

    public static List<Bar> Closes(string symbol, params decimal[] closes) =>
        closes.Select((c, i) => Bar(symbol, i, c)).ToList();

    /// <summary>Feeds bars straight to the strategy (no warm-up gate), as a rule test needs.</summary>
    public static List<Signal> Feed(Strategy strategy, StrategyContext context, IEnumerable<Bar> bars)
    {
        var signals = new List<Signal>();
        foreach (var bar in bars)
        {
            context.RecordBar(bar);
            signals.AddRange(strategy.OnBar(bar, context));
        }

        return signals;
    }

    public static void Hold(StrategyContext context, string symbol, decimal quantity, decimal price) =>
        context.ApplyFill(new StrategyFill($"f-{Guid.NewGuid():N}", null, symbol, quantity > 0 ? SignalSide.Buy : SignalSide.Sell,
            Math.Abs(quantity), price, 0m, context.Now));
}
