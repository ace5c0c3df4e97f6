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
/// simulated context. Per bar: resting limit and stop orders of that symbol fill first (they worked during the bar: at the
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
        var resting = new List<Resting>();
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
                if (IntrabarMatching.Match(order.Signal.Side, order.Signal.OrderType, order.Signal.LimitPrice, order.Signal.StopPrice,
                        ref order.Triggered, bar.Open, bar.High, bar.Low) is { } price)
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
                if (signal.OrderType != SignalOrderType.Market)
                {
                    resting.Add(new Resting(signals.Count - 1, signal));
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

    /// <summary>A resting limit, stop or stop-limit signal; a stop-limit remembers that its stop has triggered.</summary>
    private sealed class Resting(int index, Signal signal)
    {
        public int Index { get; } = index;

        public Signal Signal { get; } = signal;

        public bool Triggered;
    }

    private static StrategyFill Fill(Signal signal, decimal price, DateTimeOffset time, ReplayOptions options) =>
        new($"replay-{signal.Id:N}", signal.Id, signal.Symbol, signal.Side, signal.Quantity, price, signal.Quantity * options.FeePerUnit, time);
}
