namespace AqTrading.MarketData.Core.Feed;

/// <summary>
/// The random walk of one simulated symbol (reference §5): the scenario's step, a 5 bps spread around the price,
/// a 0.01 floor and a volume uniform in 1,000–100,000 per tick. The walk itself is in <c>double</c> — it is a model,
/// not an account — and the quote it produces is rounded to 1/10,000 in <c>decimal</c>.
/// </summary>
public sealed class RandomWalk
{
    public const double Floor = 0.01;
    public const double SpreadBps = 5;
    public const long MinVolume = 1_000;
    public const long MaxVolume = 100_000;

    private readonly Random _random;
    private readonly ScenarioParameters _parameters;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public RandomWalk(FeedSymbol symbol, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(symbol.StartPrice);
        Symbol = symbol.Symbol.ToUpperInvariant();
        _random = random;
        _parameters = symbol.Parameters;
        Price = Math.Max(Floor, (double)symbol.StartPrice);
    }

    public string Symbol { get; }

    /// <summary>The walk's current price (the last trade of the latest tick).</summary>
    public double Price { get; private set; }

    /// <summary>True while the stale scenario holds its quotes back.</summary>
    public bool IsPaused(DateTimeOffset time) => time < _pausedUntil;

    /// <summary>Moves the walk one step; null while paused (no quote: the symbol goes stale).</summary>
    public Tick? Next(DateTimeOffset time)
    {
        if (IsPaused(time))
        {
            return null;
        }

        var p = _parameters;
        if (p.PauseProbability > 0 && _random.NextDouble() < p.PauseProbability)
        {
            _pausedUntil = time.AddSeconds(p.PauseMinSeconds + _random.NextDouble() * (p.PauseMaxSeconds - p.PauseMinSeconds));
            return null;
        }

        var change = p.Drift + p.Volatility * StandardNormal();
        if (p.JumpProbability > 0 && _random.NextDouble() < p.JumpProbability)
        {
            change += _random.NextDouble() < 0.5 ? -p.JumpSize : p.JumpSize;
        }

        Price = Math.Max(Floor, Price * (1 + change));
        var halfSpread = Price * SpreadBps / 20_000;
        var volume = _random.NextInt64(MinVolume, MaxVolume + 1);
        var bidSize = 100 * _random.NextInt64(1, 11);
        var askSize = 100 * _random.NextInt64(1, 11);
        return new Tick(Symbol, time, Round(Price - halfSpread), Round(Price + halfSpread), Round(Price), volume, bidSize, askSize);
    }

    /// <summary>Continues the walk from another price (the last stored close, when history already exists).</summary>
    public void Reset(decimal price) => Price = Math.Max(Floor, (double)price);

    private static decimal Round(double value) => Math.Round((decimal)value, 4, MidpointRounding.ToEven);

    // Box–Muller: two uniforms to one standard normal (the second is dropped to keep the stream simple to reason about).
    private double StandardNormal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
