namespace AqTrading.MarketData.Core.Feed;

/// <summary>
/// Probabilities of the feed's injected faults (reference §5, the original QuoteProcessor). All zero by default:
/// a fault is only ever injected on purpose, for tests and demonstrations of the consumers' robustness.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Holds a tick back 100–500 ms before delivering it (event time unchanged, so it arrives late).</summary>
    public double DelayProbability { get; set; }

    /// <summary>Delivers a tick twice.</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Delivers a tick with its event time 200 ms earlier than it was observed.</summary>
    public double OutOfOrderProbability { get; set; }

    /// <summary>Starts a 2–5 s window in which the symbol's ticks are dropped (it goes stale).</summary>
    public double StaleProbability { get; set; }

    public bool Any => DelayProbability > 0 || DuplicateProbability > 0 || OutOfOrderProbability > 0 || StaleProbability > 0;
}

/// <summary>Applies <see cref="FaultOptions"/> to a stream of ticks; deterministic for a given random source.</summary>
public sealed class FaultInjector(FaultOptions options, Random random)
{
    private readonly List<(DateTimeOffset Due, long Order, Tick Tick)> _delayed = [];
    private readonly Dictionary<string, DateTimeOffset> _staleUntil = [];
    private long _order;

    /// <summary>
    /// Takes the ticks observed at <paramref name="now"/> and returns what is delivered now: earlier delayed ticks
    /// that are due, then this step's ticks after their faults.
    /// </summary>
    public IReadOnlyList<Tick> Process(IEnumerable<Tick> ticks, DateTimeOffset now)
    {
        var delivered = new List<Tick>();
        foreach (var due in _delayed.Where(d => d.Due <= now).OrderBy(d => d.Due).ThenBy(d => d.Order).ToList())
        {
            _delayed.Remove(due);
            delivered.Add(due.Tick);
        }

        foreach (var original in ticks)
        {
            var tick = original;
            if (_staleUntil.TryGetValue(tick.Symbol, out var until) && now < until)
            {
                continue;
            }

            if (Chance(options.StaleProbability))
            {
                _staleUntil[tick.Symbol] = now.AddSeconds(2 + 3 * random.NextDouble());
                continue;
            }

            if (Chance(options.OutOfOrderProbability))
            {
                tick = tick with { Time = tick.Time.AddMilliseconds(-200) };
            }

            var copies = Chance(options.DuplicateProbability) ? 2 : 1;
            for (var i = 0; i < copies; i++)
            {
                if (Chance(options.DelayProbability))
                {
                    _delayed.Add((now.AddMilliseconds(100 + 400 * random.NextDouble()), _order++, tick));
                }
                else
                {
                    delivered.Add(tick);
                }
            }
        }

        return delivered;
    }

    private bool Chance(double probability) => probability > 0 && random.NextDouble() < probability;
}
