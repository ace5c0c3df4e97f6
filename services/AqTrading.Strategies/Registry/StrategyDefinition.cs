namespace AqTrading.Strategies.Registry;

public enum StrategyStatus { Stopped, WarmingUp, Running, Error }

/// <summary>A configured strategy instance: which strategy class, on which symbols, with which parameters.</summary>
public sealed class StrategyDefinition
{
    public required string Id { get; init; }

    /// <summary>The strategy class in the strategy library, e.g. <c>momentum</c>.</summary>
    public required string Kind { get; init; }

    public required string AccountId { get; init; }

    public List<string> Symbols { get; init; } = [];

    /// <summary>Strategy parameters as a JSON object.</summary>
    public string Parameters { get; init; } = "{}";

    public StrategyStatus Status { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
