using AqTrading.Derivatives.Pricing.Futures;

namespace AqTrading.Derivatives.Contracts;

/// <summary>Configuration section <c>Derivatives</c>.</summary>
public sealed class DerivativesOptions
{
    public const string Section = "Derivatives";

    /// <summary>Underlyings whose options are European style; every other option is American.</summary>
    public List<string> EuropeanUnderlyings { get; set; } = [.. ExerciseStyles.DefaultEuropeanUnderlyings];

    /// <summary>The futures roll: a rule per root and the default for the rest.</summary>
    public RollOptions Roll { get; set; } = new();

    /// <summary>Expiration processing.</summary>
    public ExpirationOptions Expiration { get; set; } = new();

    public string StyleOf(string underlying) =>
        EuropeanUnderlyings.Contains(underlying, StringComparer.OrdinalIgnoreCase) ? ExerciseStyles.European : ExerciseStyles.American;
}

public sealed class RollOptions
{
    public RollRuleOptions Default { get; set; } = new() { Strategy = RollStrategy.CalendarSpread, DaysBeforeExpiry = 5 };

    /// <summary>Per futures root. The reference defaults: ES, NQ, GC calendar spread 5 days; CL close-open 3; ZB 7.</summary>
    public Dictionary<string, RollRuleOptions> Roots { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ES"] = new() { Strategy = RollStrategy.CalendarSpread, DaysBeforeExpiry = 5 },
        ["NQ"] = new() { Strategy = RollStrategy.CalendarSpread, DaysBeforeExpiry = 5 },
        ["GC"] = new() { Strategy = RollStrategy.CalendarSpread, DaysBeforeExpiry = 5 },
        ["CL"] = new() { Strategy = RollStrategy.CloseOpen, DaysBeforeExpiry = 3 },
        ["ZB"] = new() { Strategy = RollStrategy.CalendarSpread, DaysBeforeExpiry = 7 },
    };

    /// <summary>Listing cycles (month codes) overriding the defaults of <see cref="FuturesCalendar.DefaultCycles"/>.</summary>
    public Dictionary<string, string> Cycles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, RollRule> Rules() =>
        Roots.ToDictionary(r => r.Key.ToUpperInvariant(), r => r.Value.ToRule(), StringComparer.OrdinalIgnoreCase);
}

public sealed class RollRuleOptions
{
    public RollStrategy Strategy { get; set; } = RollStrategy.CalendarSpread;

    public int DaysBeforeExpiry { get; set; } = 5;

    public RollRule ToRule() => new(Strategy, DaysBeforeExpiry);
}

public sealed class ExpirationOptions
{
    /// <summary>Process each expiry date automatically after this New York time (the close; options settle on it).</summary>
    public TimeOnly ProcessAt { get; set; } = new(16, 30);

    /// <summary>Whether the hosted service processes expiries by itself (the API action works either way).</summary>
    public bool AutoProcess { get; set; } = true;

    /// <summary>How many days back the hosted service catches up on unprocessed expiry dates.</summary>
    public int CatchUpDays { get; set; } = 7;

    /// <summary>How often the hosted service looks at the clock.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often held contracts near expiry are checked for warnings (ContractExpiring events); zero turns it off.</summary>
    public TimeSpan WarningInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The account expirations are processed for (the platform's paper account).</summary>
    public List<string> Accounts { get; set; } = ["paper"];
}
