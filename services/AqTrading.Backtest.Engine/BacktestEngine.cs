namespace AqTrading.Backtest.Engine;

/// <summary>
/// The entry point the backtest service calls: one deterministic run of one strategy over the source's bars. Everything
/// is read from the source before the first event; the simulation itself allocates only per signal and per fill.
/// </summary>
public static class BacktestEngine
{
    /// <param name="progress">Receives the fraction of events processed (0–1), about every 1 %, on the calling thread.</param>
    /// <exception cref="BacktestException">The spec cannot be run with this data (warm-up shortfall, no bars, bars out of order).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; checked every few thousand events.</exception>
    public static BacktestResult Run(BacktestSpec spec, IBarSource source, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(source);
        if (spec.End <= spec.Start)
        {
            throw new BacktestException($"The end ({spec.End:O}) must be after the start ({spec.Start:O}).");
        }

        if (spec.InitialCapital <= 0m)
        {
            throw new BacktestException("The initial capital must be positive.");
        }

        return new Simulation(spec, source).Run(progress, cancellationToken);
    }
}
