namespace AqTrading.Strategies.Registry;

public enum StrategyStatus { Stopped, WarmingUp, Running, Error }

/// <summary>A configured strategy instance: which strategy class, on which symbols, with which parameters.</summary>
public sealed class StrategyDefinition
{
    public required string Id { get; init; }

    /// <summary>The strategy class in the strategy library, e.g. <c>momentum</c>.</summary>
    public required string Kind { get; set; }

    public required string AccountId { get; set; }

    public List<string> Symbols { get; set; } = [];

    /// <summary>Strategy parameters as a JSON object.</summary>
    public string Parameters { get; set; } = "{}";

    /// <summary>The bar resolution the strategy trades on: <c>1m</c> or <c>1d</c>.</summary>
    public string Resolution { get; set; } = "1m";

    /// <summary>Whether it runs with the service: set by configuration, and by start/stop through the API.</summary>
    public bool Enabled { get; set; }

    /// <summary>How it runs: <c>paper</c> (the only mode that exists until a live broker adapter does).</summary>
    public string? Mode { get; set; }

    public StrategyStatus Status { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? ErrorAt { get; set; }

    public DateTimeOffset? StatusChangedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
