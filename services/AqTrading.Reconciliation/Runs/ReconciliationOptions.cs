using AqTrading.Reconciliation.Rules.Comparison;

namespace AqTrading.Reconciliation.Runs;

public enum CriticalAction { Reduce, Halt, None }

/// <summary>Settings under <c>Reconciliation</c>.</summary>
public sealed class ReconciliationOptions
{
    /// <summary>Time between periodic runs (reference §10: 300 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>A run follows the last fill after this quiet time; each new fill restarts the wait (reference: 5 s).</summary>
    public TimeSpan FillDebounce { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A difference is reported only when a second comparison this long after the first finds it too: a fill on its way
    /// from the broker to the portfolio (over RabbitMQ) makes the books differ for a moment without anything being wrong.
    /// </summary>
    public TimeSpan ConfirmDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What a new critical discrepancy does to trading, through the risk service.</summary>
    public CriticalAction OnCritical { get; set; } = CriticalAction.Reduce;

    public ComparisonTolerances Tolerances { get; set; } = new();

    /// <summary>Prefix of the reason risk records, so resolving the last critical discrepancy resumes only what reconciliation stopped.</summary>
    public const string ReasonPrefix = "reconciliation:";
}
