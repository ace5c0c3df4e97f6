namespace AqTrading.Risk.Rules.Greeks;

public enum GreeksLevel
{
    Normal = 0,
    Warn = 1,
    Crit = 2,
    Hard = 3,
}

/// <summary>One price shock of the underlying(s), e.g. "+1%".</summary>
public sealed record GreeksScenario(
    string Shock,
    double ShockPct,
    double PnlFromDelta,
    double PnlFromGamma,
    double PnlImpact,
    double DeltaChange,
    double NewDollarDelta,
    string BreachLevel);

/// <summary>
/// Scenario shocks (reference §9.6): every underlying moves by ±x % at once. P&amp;L from delta = dollar delta · x;
/// from gamma = ½ · gamma dollar · x² (the same sign up and down: long gamma gains both ways); the delta change is
/// gamma dollar · x, so the new dollar delta (at today's prices) is dollar delta + gamma dollar · x. The breach level
/// is where the new dollar delta stands against the account's delta levels.
/// </summary>
public static class GreeksScenarios
{
    public static readonly IReadOnlyList<double> DefaultShocksPct = [1, 2];

    public static IReadOnlyList<GreeksScenario> Run(DollarGreeks greeks, IEnumerable<double> shocksPct, GreekLevels deltaLevels)
    {
        var results = new List<GreeksScenario>();
        foreach (var pct in shocksPct)
        {
            foreach (var sign in (ReadOnlySpan<int>)[1, -1])
            {
                var x = sign * pct / 100.0;
                var pnlDelta = greeks.DollarDelta * x;
                var pnlGamma = 0.5 * greeks.GammaDollar * x * x;
                var deltaChange = greeks.GammaDollar * x;
                var newDelta = greeks.DollarDelta + deltaChange;
                results.Add(new GreeksScenario($"{(sign > 0 ? "+" : "-")}{pct:0.##}%", sign * pct, pnlDelta, pnlGamma, pnlDelta + pnlGamma,
                    deltaChange, newDelta, GreeksAlerts.Name(GreeksAlerts.LevelOf(newDelta, deltaLevels))));
            }
        }

        return results;
    }
}

/// <summary>The state of one alert stream (scope × metric): its level and when it last alerted.</summary>
public readonly record struct AlertState(GreeksLevel Level, DateTimeOffset? LastAlertAt);

/// <summary>
/// Alert levels with hysteresis (reference §9.3), on an account's explicit warn/crit/hard levels of |value|. Rising,
/// a level is entered at its threshold; falling, critical holds down to 90 % of crit and warning down to 93.75 % of
/// warn (the reference's recover fractions 0.90 and 0.75 of a limit whose warn is 0.80 of it), so a value hovering at
/// a threshold does not flap. Hard has no hysteresis. An alert fires on the first non-normal level, on escalation and
/// on a repeat at the same level after its dedupe window (warn 900 s, crit 300 s, hard 60 s); de-escalation is silent.
/// </summary>
public static class GreeksAlerts
{
    public const double CritRecoverFraction = 0.90;
    public const double WarnRecoverFraction = 0.75 / 0.80;

    public static string Name(GreeksLevel level) => level switch
    {
        GreeksLevel.Warn => "warn",
        GreeksLevel.Crit => "crit",
        GreeksLevel.Hard => "hard",
        _ => "none",
    };

    /// <summary>The level without history (for scenarios).</summary>
    public static GreeksLevel LevelOf(double value, GreekLevels levels) => Next(GreeksLevel.Normal, value, levels);

    public static GreeksLevel Next(GreeksLevel previous, double value, GreekLevels levels)
    {
        var v = Math.Abs(value);
        if (v >= levels.Hard)
        {
            return GreeksLevel.Hard;
        }

        var critFloor = previous >= GreeksLevel.Crit ? levels.Crit * CritRecoverFraction : levels.Crit;
        if (v >= critFloor)
        {
            return GreeksLevel.Crit;
        }

        var warnFloor = previous >= GreeksLevel.Warn ? levels.Warn * WarnRecoverFraction : levels.Warn;
        return v >= warnFloor ? GreeksLevel.Warn : GreeksLevel.Normal;
    }

    public static TimeSpan DedupeWindow(GreeksLevel level) => level switch
    {
        GreeksLevel.Warn => TimeSpan.FromSeconds(900),
        GreeksLevel.Crit => TimeSpan.FromSeconds(300),
        _ => TimeSpan.FromSeconds(60),
    };

    /// <returns>The new state and whether an alert fires.</returns>
    public static (AlertState State, bool Fire) Step(AlertState previous, double value, GreekLevels levels, DateTimeOffset now)
    {
        var level = Next(previous.Level, value, levels);
        if (level == GreeksLevel.Normal)
        {
            return (new AlertState(level, null), false);
        }

        var fire = level > previous.Level
                   || (level == previous.Level && (previous.LastAlertAt is null || now - previous.LastAlertAt >= DedupeWindow(level)));
        return fire ? (new AlertState(level, now), true) : (previous with { Level = level }, false);
    }
}
