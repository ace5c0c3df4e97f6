using AqTrading.Contracts.MarketData;

namespace AqTrading.MarketData.Instruments;

/// <summary>A tradable instrument: an equity, an option or a future.</summary>
public sealed class Instrument
{
    public required string Symbol { get; init; }

    public required string AssetClass { get; init; }

    /// <summary>Contract multiplier: 1 for equities, usually 100 for US equity options, per contract for futures.</summary>
    public decimal Multiplier { get; set; }

    public decimal TickSize { get; set; }

    public required string Currency { get; set; }

    /// <summary>The exchange whose trading calendar applies (<c>XNYS</c>, <c>CME</c>, …).</summary>
    public required string Exchange { get; set; }

    public string? Underlying { get; set; }

    public DateOnly? Expiry { get; set; }

    public decimal? Strike { get; set; }

    public string? Right { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public InstrumentRegistered ToRegisteredEvent() => new(Symbol, AssetClass, Multiplier, TickSize, Currency, Exchange,
        Underlying, Expiry, Strike, Right, CreatedAt);

    public InstrumentUpdated ToUpdatedEvent(DateTimeOffset now) => new(Symbol, AssetClass, Multiplier, TickSize, Currency, Exchange,
        Underlying, Expiry, Strike, Right, now);
}
