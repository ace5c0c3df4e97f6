namespace AqTrading.Derivatives.Contracts;

/// <summary>
/// An option or futures contract tracked to its expiry (exercise, assignment, roll), with the terms market data
/// registered. Options: <see cref="Underlying"/>, <see cref="Strike"/>, <see cref="Expiry"/>, <see cref="Right"/>,
/// <see cref="Style"/>, <see cref="Multiplier"/>. Futures: <see cref="Underlying"/> is the root, plus
/// <see cref="Expiry"/>, <see cref="Multiplier"/> and <see cref="TickSize"/>.
/// </summary>
public sealed class DerivativeContract
{
    public required string Symbol { get; init; }

    /// <summary>The option's underlying, or the future's root (<c>ES</c>).</summary>
    public required string Underlying { get; set; }

    /// <summary><c>option</c> or <c>future</c>.</summary>
    public required string ContractType { get; set; }

    /// <summary>The last trading day.</summary>
    public DateOnly Expiry { get; set; }

    public decimal? Strike { get; set; }

    /// <summary>For options: <c>call</c> or <c>put</c>.</summary>
    public string? Right { get; set; }

    /// <summary>For options: <c>american</c> or <c>european</c> (<see cref="ExerciseStyles"/>); null for futures.</summary>
    public string? Style { get; set; }

    public decimal Multiplier { get; set; }

    public decimal TickSize { get; set; }

    public string? Exchange { get; set; }

    public string? Currency { get; set; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// Exercise style of a listed option. US equity and ETF options are American; the cash-settled index options are
/// European (SPX, SPXW, NDX, RUT, XSP, VIX, DJX, OEX is American). Configurable: <c>Derivatives:EuropeanUnderlyings</c>.
/// </summary>
public static class ExerciseStyles
{
    public const string American = "american";
    public const string European = "european";

    public static readonly IReadOnlyList<string> DefaultEuropeanUnderlyings = ["SPX", "SPXW", "NDX", "RUT", "XSP", "VIX", "DJX"];
}
