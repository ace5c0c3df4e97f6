namespace AqTrading.Risk.Rules.Greeks;

/// <summary>Warn, critical and hard levels of one dimension, compared with the absolute value; 0 &lt; warn &lt; crit &lt; hard.</summary>
public sealed record GreekLevels(double Warn, double Crit, double Hard);

/// <summary>
/// An account's Greeks limits. The defaults are the reference's (§3.3): dollar delta 100k/150k/200k, gamma dollar
/// 5k/7.5k/10k, vega per 1 % 20k/30k/40k, theta per day 3k/4.5k/6k. The hard levels are what the pre-trade gate enforces.
/// </summary>
public sealed record GreeksLimits(GreekLevels DollarDelta, GreekLevels GammaDollar, GreekLevels VegaPer1Pct, GreekLevels ThetaPerDay)
{
    public static GreeksLimits Default { get; } = new(
        new GreekLevels(100_000, 150_000, 200_000),
        new GreekLevels(5_000, 7_500, 10_000),
        new GreekLevels(20_000, 30_000, 40_000),
        new GreekLevels(3_000, 4_500, 6_000));

    public GreekLevels this[GreekDimension dimension] => dimension switch
    {
        GreekDimension.DollarDelta => DollarDelta,
        GreekDimension.GammaDollar => GammaDollar,
        GreekDimension.VegaPer1Pct => VegaPer1Pct,
        GreekDimension.ThetaPerDay => ThetaPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    /// <summary>
    /// Every problem, keyed by the JSON field (<c>dollarDelta</c>, <c>gammaDollar.warn</c>, …): each dimension is
    /// required and needs finite 0 &lt; warn &lt; crit &lt; hard.
    /// </summary>
    public static Dictionary<string, string[]> Validate(GreekLevels? dollarDelta, GreekLevels? gammaDollar, GreekLevels? vegaPer1Pct,
        GreekLevels? thetaPerDay)
    {
        var errors = new Dictionary<string, string[]>();
        Check("dollarDelta", dollarDelta, errors);
        Check("gammaDollar", gammaDollar, errors);
        Check("vegaPer1Pct", vegaPer1Pct, errors);
        Check("thetaPerDay", thetaPerDay, errors);
        return errors;
    }

    private static void Check(string field, GreekLevels? levels, Dictionary<string, string[]> errors)
    {
        if (levels is null)
        {
            errors[field] = ["Warn, crit and hard levels are required."];
            return;
        }

        if (!double.IsFinite(levels.Warn) || levels.Warn <= 0)
        {
            errors[$"{field}.warn"] = ["The warn level must be a positive number."];
        }
        else if (!double.IsFinite(levels.Crit) || levels.Crit <= levels.Warn)
        {
            errors[$"{field}.crit"] = [$"The crit level must be above the warn level ({levels.Warn})."];
        }
        else if (!double.IsFinite(levels.Hard) || levels.Hard <= levels.Crit)
        {
            errors[$"{field}.hard"] = [$"The hard level must be above the crit level ({levels.Crit})."];
        }
    }
}
