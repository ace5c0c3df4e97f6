using AqTrading.Strategies.Engine;

namespace AqTrading.Backtest.Engine;

public enum SlippageKind { FixedBps, VolumeShare }

/// <summary>
/// Moves a model price against the order. <see cref="SlippageKind.FixedBps"/>: buy at price × (1 + bps/10⁴), sell at
/// price × (1 − bps/10⁴). <see cref="SlippageKind.VolumeShare"/> (the Zipline/LEAN volume-share model): the price moves by
/// price × PriceImpact × min(quantity / bar volume, VolumeLimit)², so small orders barely move it and orders above
/// VolumeLimit of the bar's volume pay the capped impact (a bar with no volume pays the cap).
/// </summary>
public sealed record SlippageModel(SlippageKind Kind, decimal Bps, decimal PriceImpact, decimal VolumeLimit)
{
    public static SlippageModel None { get; } = FixedBps(0m);

    public static SlippageModel FixedBps(decimal bps) =>
        bps < 0m ? throw new ArgumentOutOfRangeException(nameof(bps), "Slippage cannot be negative.") : new(SlippageKind.FixedBps, bps, 0m, 0m);

    public static SlippageModel VolumeShare(decimal priceImpact = 0.1m, decimal volumeLimit = 0.025m) =>
        priceImpact < 0m || volumeLimit <= 0m
            ? throw new ArgumentOutOfRangeException(nameof(priceImpact), "The price impact cannot be negative and the volume limit must be positive.")
            : new(SlippageKind.VolumeShare, 0m, priceImpact, volumeLimit);

    /// <summary>The fill price for a model <paramref name="price"/>; <paramref name="barVolume"/> is the volume of the bar the order fills on.</summary>
    public decimal Apply(SignalSide side, decimal price, decimal quantity, long barVolume)
    {
        var fraction = Kind switch
        {
            SlippageKind.FixedBps => Bps / 10_000m,
            _ => Impact(quantity, barVolume),
        };
        return side == SignalSide.Buy ? price * (1m + fraction) : price * (1m - fraction);
    }

    private decimal Impact(decimal quantity, long barVolume)
    {
        var share = barVolume <= 0 ? VolumeLimit : Math.Min(quantity / barVolume, VolumeLimit);
        return PriceImpact * share * share;
    }
}
