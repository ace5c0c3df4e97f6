namespace AqTrading.Derivatives.Contracts;

/// <summary>An option or futures contract tracked to its expiry (exercise, assignment, roll).</summary>
public sealed class DerivativeContract
{
    public required string Symbol { get; init; }

    public required string Underlying { get; init; }

    /// <summary><c>option</c> or <c>future</c>.</summary>
    public required string ContractType { get; init; }

    public DateOnly Expiry { get; init; }

    public decimal? Strike { get; init; }

    /// <summary>For options: <c>call</c> or <c>put</c>.</summary>
    public string? Right { get; init; }

    public decimal Multiplier { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }
}
