namespace AqTrading.Strategies.Engine.Indicators;

/// <summary>
/// Rolling z-score of one series: the last <c>window</c> observations (population std). The caller adds the current
/// observation first, so it is part of its own statistics — past and present only, never the future.
/// </summary>
public sealed class RollingZScore(int window, int minPeriods)
{
    private readonly Queue<double> _values = new();

    public int Count => _values.Count;

    public void Add(double value)
    {
        _values.Enqueue(value);
        if (_values.Count > window)
        {
            _values.Dequeue();
        }
    }

    /// <summary>The z-score of <paramref name="value"/>, null before <c>minPeriods</c> observations, 0 when the std is 0.</summary>
    public double? Normalize(double value)
    {
        if (_values.Count < minPeriods)
        {
            return null;
        }

        var values = _values.ToArray();
        var std = Stats.PopulationStdDev(values);
        return std == 0 ? 0 : (value - Stats.Mean(values)) / std;
    }

    public void Clear() => _values.Clear();
}
