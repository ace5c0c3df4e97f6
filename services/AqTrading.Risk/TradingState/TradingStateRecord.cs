namespace AqTrading.Risk.TradingState;

/// <summary>RUNNING allows trading; PAUSED allows only closing; HALTED allows nothing until resume is enabled.</summary>
public enum TradingStatus
{
    Running,
    Paused,
    Halted,
}

/// <summary>The platform-wide trading state: one row, persisted so a restart never silently resumes a halt.</summary>
public sealed class TradingStateRecord
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public TradingStatus State { get; set; }

    public DateTimeOffset Since { get; set; }

    public required string ChangedBy { get; set; }

    public string? Reason { get; set; }

    /// <summary>After a halt, an operator must enable resume before trading can resume.</summary>
    public bool CanResume { get; set; }
}
