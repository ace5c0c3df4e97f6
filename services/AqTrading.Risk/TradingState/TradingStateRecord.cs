using AqTrading.Risk.Rules;

namespace AqTrading.Risk.TradingState;

/// <summary>The platform-wide trading state: one row, persisted so a restart never silently resumes a halt.</summary>
public sealed class TradingStateRecord
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public Rules.TradingState State { get; set; }

    public DateTimeOffset Since { get; set; }

    public required string ChangedBy { get; set; }

    public string? Reason { get; set; }

    /// <summary>After a halt, an operator must enable resume before trading can resume.</summary>
    public bool CanResume { get; set; }

    public TradingStatus ToStatus() => new(State, Since, ChangedBy, Reason, CanResume);

    public void Apply(TradingStatus status)
    {
        State = status.State;
        Since = status.Since;
        ChangedBy = status.ChangedBy;
        Reason = status.Reason;
        CanResume = status.CanResume;
    }
}
