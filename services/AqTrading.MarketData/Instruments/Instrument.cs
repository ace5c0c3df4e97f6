using AqTrading.Contracts.MarketData;

namespace AqTrading.MarketData.Instruments;

/// <summary>A tradable instrument: an equity, an option or a future.</summary>
public sealed class Instrument
{
    public required string Symbol { get; init; }

    public required string AssetClass { get; init; }

    /// <summary>Contract multiplier: 1 for equities, usually 100 for US equity options, per contract for futures.</summary>
    public decimal Multiplier { get; init; }

    public decimal TickSize { get; init; }

    public required string Currency { get; init; }

    public required string Exchange { get; init; }

    public string? Underlying { get; init; }

    public DateOnly? Expiry { get; init; }

    public decimal? Strike { get; init; }

    public string? Right { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public InstrumentRegistered ToRegisteredEvent() => new(Symbol, AssetClass, Multiplier, TickSize, Currency, Exchange,
        Underlying, Expiry, Strike, Right, CreatedAt);
}
