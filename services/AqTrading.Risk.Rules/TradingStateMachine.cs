namespace AqTrading.Risk.Rules;

/// <summary>
/// RUNNING trades freely; PAUSED allows only closing orders; REDUCING allows only orders that reduce exposure
/// (set after a critical reconciliation discrepancy); HALTED allows nothing new until an operator enables
/// resume and resumes.
/// </summary>
public enum TradingState
{
    Running,
    Paused,
    Reducing,
    Halted,
}

/// <summary>The state, since when, by whom and why.</summary>
public sealed record TradingStatus(TradingState State, DateTimeOffset Since, string ChangedBy, string? Reason, bool CanResume)
{
    public static TradingStatus Initial(DateTimeOffset now) => new(TradingState.Running, now, "system", null, CanResume: true);
}

/// <summary>The outcome of a requested transition: the new status, or why it was refused (stable code + sentence).</summary>
public sealed record TransitionResult(TradingStatus Status, bool Changed, string? ErrorCode = null, string? Error = null)
{
    public bool Succeeded => ErrorCode is null;
}

/// <summary>Transitions of the trading state (reference §3.2, plus REDUCING).</summary>
public static class TradingStateMachine
{
    public static TransitionResult Pause(TradingStatus current, string by, string? reason, DateTimeOffset now) =>
        current.State == TradingState.Halted
            ? Refuse(current, "trading_halted", "Trading is halted; a halt cannot be turned into a pause.")
            : Move(current, TradingState.Paused, by, reason, canResume: true, now);

    public static TransitionResult Reduce(TradingStatus current, string by, string? reason, DateTimeOffset now) =>
        current.State == TradingState.Halted
            ? Refuse(current, "trading_halted", "Trading is halted; it cannot move to reducing.")
            : Move(current, TradingState.Reducing, by, reason, canResume: true, now);

    /// <summary>Halts from any state; resume must then be enabled explicitly.</summary>
    public static TransitionResult Halt(TradingStatus current, string by, string reason, DateTimeOffset now) =>
        Move(current, TradingState.Halted, by, reason, canResume: false, now);

    public static TransitionResult EnableResume(TradingStatus current, string by, DateTimeOffset now)
    {
        if (current.State != TradingState.Halted)
        {
            return Refuse(current, "not_halted", $"Resume needs enabling only after a halt; trading is {Name(current.State)}.");
        }

        return current.CanResume
            ? new TransitionResult(current, Changed: false)
            : new TransitionResult(current with { CanResume = true, ChangedBy = by, Since = now }, Changed: true);
    }

    public static TransitionResult Resume(TradingStatus current, string by, DateTimeOffset now)
    {
        if (current.State == TradingState.Running)
        {
            return new TransitionResult(current, Changed: false);
        }

        if (!current.CanResume)
        {
            return Refuse(current, "resume_not_enabled", "Cannot resume: trading is halted and resume has not been enabled.");
        }

        return Move(current, TradingState.Running, by, reason: null, canResume: true, now);
    }

    /// <summary>
    /// Whether the state admits an order. <paramref name="reducesExposure"/>: the order only shrinks an existing
    /// position (a close), which PAUSED and REDUCING still allow.
    /// </summary>
    public static (bool Allowed, string? ReasonCode, string? Message) Admits(TradingStatus status, bool reducesExposure) =>
        status.State switch
        {
            TradingState.Running => (true, null, null),
            TradingState.Paused when reducesExposure => (true, null, null),
            TradingState.Reducing when reducesExposure => (true, null, null),
            TradingState.Paused => (false, "trading_paused", "Trading is paused: only orders that close positions are accepted."),
            TradingState.Reducing => (false, "trading_reducing", "Trading is reducing: only orders that reduce a position are accepted."),
            _ => (false, "trading_halted", $"Trading is halted: {status.Reason ?? "no reason given"}."),
        };

    public static string Name(TradingState state) => state.ToString().ToLowerInvariant();

    private static TransitionResult Move(TradingStatus current, TradingState state, string by, string? reason, bool canResume, DateTimeOffset now) =>
        new(new TradingStatus(state, now, by, reason, canResume), Changed: current.State != state || current.CanResume != canResume);

    private static TransitionResult Refuse(TradingStatus current, string code, string message) =>
        new(current, Changed: false, code, message);
}
