namespace AqTrading.Risk.Rules;

/// <summary>
/// The risk controller agent's multiplier on position limits (Redis key <c>risk_bias</c>): 0.5 halves them, 1.5
/// raises them by half. Anything unusable means 1.0, so a missing or broken agent never changes the limits.
/// </summary>
public static class RiskBias
{
    public const decimal Neutral = 1.0m;
    public const decimal Minimum = 0m;
    public const decimal Maximum = 2m;

    /// <summary>The bias for a raw Redis value; <c>Clamped</c> says an out-of-range value was pulled into [0, 2].</summary>
    public static (decimal Value, bool Clamped) Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)
            || !decimal.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return (Neutral, false);
        }

        return value < Minimum ? (Minimum, true) : value > Maximum ? (Maximum, true) : (value, false);
    }
}
