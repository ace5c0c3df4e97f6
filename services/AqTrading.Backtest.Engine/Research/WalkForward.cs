using System.Globalization;
using System.Text.Json;

namespace AqTrading.Backtest.Engine.Research;

/// <summary>Three consecutive index ranges [0, TrainEnd), [TrainEnd, ValidationEnd), [ValidationEnd, Count).</summary>
public readonly record struct WalkForwardWindows(int Count, int TrainEnd, int ValidationEnd)
{
    public int TrainCount => TrainEnd;

    public int ValidationCount => ValidationEnd - TrainEnd;

    public int TestCount => Count - ValidationEnd;
}

/// <summary>One perturbed parameter set: <see cref="Parameter"/> moved by <see cref="Level"/> (e.g. +0.10) from the base.</summary>
public sealed record Perturbation(string Parameter, double Level, string Label, IReadOnlyDictionary<string, JsonElement> Parameters);

/// <summary>The primary metric of one perturbed run beside the base; null metric: the run could not be made (see the caller's error).</summary>
public sealed record StabilityOutcome(string Label, double? Metric, double? Deviation, bool? WithinTolerance);

public sealed record WalkForwardDecision(bool Accepted, IReadOnlyList<string> Reasons, double TrainToValidation, double ValidationToTest);

/// <summary>
/// The pure rules of walk-forward validation (the seed's WalkForwardValidator): a chronological 70/15/15 split, rejection
/// when the primary metric degrades by more than 20 % from train to validation or from validation to test, and parameter
/// stability — each numeric parameter moved by ±10 % and ±20 %, each perturbed run's metric within 20 % of the base.
/// </summary>
public static class WalkForward
{
    public const double DefaultTrain = 0.70;
    public const double DefaultValidation = 0.15;
    public const double DefaultMaxDegradation = 0.20;
    public const double DefaultStabilityThreshold = 0.20;
    public const int MinimumPoints = 10;

    /// <summary>The perturbation levels, in the order they are run and reported.</summary>
    public static readonly IReadOnlyList<double> Levels = [0.10, -0.10, 0.20, -0.20];

    /// <summary>
    /// Cut points of <paramref name="count"/> chronologically ordered points: int(n × train) and int(n × (train + validation)),
    /// moved so that every window keeps at least one point (the seed's <c>split_data</c>: 100 → 70/15/15).
    /// </summary>
    public static WalkForwardWindows Split(int count, double train = DefaultTrain, double validation = DefaultValidation)
    {
        var test = 1 - train - validation;
        if (train is <= 0 or >= 1 || validation is <= 0 or >= 1 || test <= 0.0 - 1e-9 || test >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(train), "Train and validation fractions must lie in (0, 1) and leave a test fraction in (0, 1).");
        }

        if (count < MinimumPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"A walk-forward needs at least {MinimumPoints} points to split, got {count}.");
        }

        var trainEnd = Math.Clamp((int)(count * train), 1, count - 2);
        var validationEnd = Math.Clamp((int)(count * (train + validation)), trainEnd + 1, count - 1);
        return new WalkForwardWindows(count, trainEnd, validationEnd);
    }

    /// <summary>
    /// (baseline − comparison) / |baseline|: positive when the comparison is worse, negative when better. From a zero
    /// baseline, a worse comparison is a full degradation (1), a better one −1 and an equal one 0 (the seed gave 1 for any
    /// change from zero, which would reject an improvement).
    /// </summary>
    public static double Degradation(double baseline, double comparison)
    {
        if (baseline == 0)
        {
            return comparison == 0 ? 0 : comparison < 0 ? 1 : -1;
        }

        return (baseline - comparison) / Math.Abs(baseline);
    }

    /// <summary>Each numeric parameter of <paramref name="parameters"/> moved by each of <see cref="Levels"/>, others unchanged.
    /// Whole numbers stay whole (rounded half away from zero, and moved by at least 1 so the run differs); zero cannot be
    /// scaled and is left out.</summary>
    public static IReadOnlyList<Perturbation> Perturbations(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        var result = new List<Perturbation>();
        foreach (var (name, value) in parameters)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number == 0m)
            {
                continue;
            }

            var whole = IsWhole(value);
            foreach (var level in Levels)
            {
                decimal moved;
                if (whole)
                {
                    moved = Math.Round(number * (1m + (decimal)level), MidpointRounding.AwayFromZero);
                    if (moved == number)
                    {
                        moved = number + Math.Sign(level) * Math.Sign(number);
                    }
                }
                else
                {
                    moved = number * (1m + (decimal)level);
                }

                var set = new Dictionary<string, JsonElement>(parameters, StringComparer.Ordinal)
                {
                    [name] = JsonSerializer.SerializeToElement(moved),
                };
                result.Add(new Perturbation(name, level, $"{name} {(level > 0 ? "+" : "−")}{Math.Abs(level) * 100:0}%", set));
            }
        }

        return result;
    }

    /// <summary>|Degradation(base, perturbed)| against the threshold (strictly greater is unstable, as in the seed).</summary>
    public static StabilityOutcome Stability(string label, double baseMetric, double perturbedMetric, double threshold = DefaultStabilityThreshold)
    {
        var deviation = Math.Abs(Degradation(baseMetric, perturbedMetric));
        return new StabilityOutcome(label, perturbedMetric, deviation, deviation <= threshold);
    }

    /// <summary>
    /// Accepts when neither degradation exceeds <paramref name="maxDegradation"/> (strictly greater rejects: 19 % passes,
    /// 21 % fails) and every perturbation that could be run stayed within tolerance. The reasons say every check's outcome.
    /// </summary>
    public static WalkForwardDecision Decide(string metric, double train, double validation, double test, IReadOnlyList<StabilityOutcome> stability,
        double maxDegradation = DefaultMaxDegradation, double stabilityThreshold = DefaultStabilityThreshold)
    {
        var reasons = new List<string>();
        var accepted = true;
        var trainToValidation = Degradation(train, validation);
        var validationToTest = Degradation(validation, test);
        Check("train → validation", train, validation, trainToValidation);
        Check("validation → test", validation, test, validationToTest);

        var run = stability.Where(s => s.WithinTolerance is not null).ToList();
        var unstable = run.Where(s => s.WithinTolerance == false).ToList();
        if (unstable.Count > 0)
        {
            accepted = false;
            reasons.Add($"Unstable parameters: {string.Join(", ", unstable.Select(s => $"{s.Label} moved {metric} by {Percent(s.Deviation!.Value)}"))} (more than {Percent(stabilityThreshold)} from the base).");
        }
        else if (run.Count > 0)
        {
            reasons.Add($"Stable: all {run.Count} perturbed runs within {Percent(stabilityThreshold)} of the base {metric} (largest deviation {Percent(run.Max(s => s.Deviation!.Value))}).");
        }
        else
        {
            reasons.Add("No numeric parameter could be perturbed: stability not assessed.");
        }

        return new WalkForwardDecision(accepted, reasons, trainToValidation, validationToTest);

        void Check(string step, double from, double to, double degradation)
        {
            var text = $"{metric} {step}: {Format(from)} → {Format(to)}, degradation {Percent(degradation)}";
            if (degradation > maxDegradation)
            {
                accepted = false;
                reasons.Add($"{text} exceeds {Percent(maxDegradation)}.");
            }
            else
            {
                reasons.Add($"{text} is within {Percent(maxDegradation)}.");
            }
        }
    }

    private static bool IsWhole(JsonElement value)
    {
        var text = value.GetRawText();
        return !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase);
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
