using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.Engine.Replay;

/// <param name="AccountId">The account the simulated context reports.</param>
/// <param name="FeePerUnit">Commission per share/contract on every simulated fill.</param>
public sealed record ReplayOptions(string AccountId = "backtest", decimal FeePerUnit = 0m);

/// <summary>A signal with what became of it in the simulation.</summary>
/// <param name="Fill">The simulated fill, or null while a limit order rests (or a market order had no price).</param>
public sealed record ReplayedSignal(Signal Signal, StrategyFill? Fill);

public sealed record ReplayResult(
    IReadOnlyList<ReplayedSignal> Signals,
    IReadOnlyList<StrategyFill> Fills,
    int SuppressedSignals,
    IReadOnlyList<StrategyPosition> Positions,
    StrategyPnl Pnl);

/// <summary>
/// The deterministic backtest path for now: replays bars (stably ordered by end time) through a strategy with a
/// simulated context. Per bar: resting limit orders of that symbol fill first (they worked during the bar: at the
/// limit, or at the open when the bar gapped through it), then the strategy sees the bar, then its market signals fill
/// at that bar's close and reach <see cref="Strategy.OnFill"/> before the next bar — the same order the live runner
/// keeps by waiting for its market orders' fills. Warm-up and signal ids come from <see cref="StrategyDriver"/>, so the
/// live path produces the same signals for the same bars.
/// </summary>
public static class BarReplay
{
    public static ReplayResult Run(Strategy strategy, IEnumerable<Bar> bars, ReplayOptions? options = null)
    {
        options ??= new ReplayOptions();
        var driver = new StrategyDriver(strategy, options.AccountId);
        var signals = new List<ReplayedSignal>();
        var fills = new List<StrategyFill>();
        var resting = new List<(int Index, Signal Signal)>();
        var suppressed = 0;

        driver.Start();
        foreach (var bar in bars.OrderBy(b => b.End))
        {
            if (!strategy.Symbols.Contains(bar.Symbol, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var order in resting.Where(r => r.Signal.Symbol.Equals(bar.Symbol, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                if (LimitFillPrice(order.Signal, bar) is { } price)
                {
                    resting.Remove(order);
                    var fill = Fill(order.Signal, price, bar.End, options);
                    signals[order.Index] = signals[order.Index] with { Fill = fill };
                    fills.Add(fill);
                    driver.OnFill(fill);
                }
            }

            if (driver.OnBar(bar) is not { } outcome)
            {
                continue;
            }

            suppressed += outcome.Suppressed;
            foreach (var signal in outcome.Signals)
            {
                signals.Add(new ReplayedSignal(signal, null));
                if (signal.OrderType == SignalOrderType.Limit)
                {
                    resting.Add((signals.Count - 1, signal));
                    continue;
                }

                var close = driver.Context.History(signal.Symbol) is { Count: > 0 } history ? history[^1].Close : (decimal?)null;
                if (close is { } price)
                {
                    var fill = Fill(signal, price, bar.End, options);
                    signals[^1] = signals[^1] with { Fill = fill };
                    fills.Add(fill);
                    driver.OnFill(fill);
                }
            }
        }

        driver.Stop();
        return new ReplayResult(signals, fills, suppressed, driver.Context.Positions, driver.Context.Pnl);
    }

    private static decimal? LimitFillPrice(Signal order, Bar bar) => order.Side switch
    {
        SignalSide.Buy when bar.Low <= order.LimitPrice => Math.Min(bar.Open, order.LimitPrice!.Value),
        SignalSide.Sell when bar.High >= order.LimitPrice => Math.Max(bar.Open, order.LimitPrice!.Value),
        _ => null,
    };

    private static StrategyFill Fill(Signal signal, decimal price, DateTimeOffset time, ReplayOptions options) =>
        new($"replay-{signal.Id:N}", signal.Id, signal.Symbol, signal.Side, signal.Quantity, price, signal.Quantity * options.FeePerUnit, time);
}
