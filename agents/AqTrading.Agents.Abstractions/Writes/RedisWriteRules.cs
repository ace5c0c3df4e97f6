using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AqTrading.Agents.Abstractions.Writes;

/// <summary>A validated Redis write: the exact string stored and its time to live (none: kept until replaced).</summary>
public sealed record RedisWrite(string Key, string Value, TimeSpan? Ttl);

/// <summary>
/// The only Redis keys agents may write, and what each may hold (reference §15, <c>redis_write</c>):
/// <list type="bullet">
/// <item><c>risk_bias</c>: a number in [0, 1] stored as a plain invariant number string — the risk service reads this
/// key every second and multiplies the position limits by it; no TTL, as in the seed (the risk service treats a
/// missing key as 1.0, so expiring it would silently undo a reduction).</item>
/// <item><c>sentiment:{SYMBOL}</c>: a number in [−1, 1]; TTL default 1 h (the seed's 3600 s), 1 min–7 days.</item>
/// <item><c>events:{type}</c>: a JSON object (the tags); TTL default 24 h (the seed's 86 400 s), 1 min–7 days.</item>
/// </list>
/// Permissions (who may write which key) are checked separately by <see cref="Permissions.PermissionMatrix"/>.
/// </summary>
public static partial class RedisWriteRules
{
    public const string RiskBiasKey = "risk_bias";
    public static readonly TimeSpan SentimentTtl = TimeSpan.FromHours(1);
    public static readonly TimeSpan EventTtl = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinimumTtl = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumTtl = TimeSpan.FromDays(7);

    /// <summary>The write to perform, or the reason it is refused.</summary>
    public static (RedisWrite? Write, string? Error) Validate(string key, JsonElement value, double? ttlSeconds)
    {
        if (key == RiskBiasKey)
        {
            if (ttlSeconds is not null)
            {
                return (null, "risk_bias takes no TTL.");
            }

            return Number(value) is { } bias && bias is >= 0 and <= 1
                ? (new RedisWrite(key, Format(bias), null), null)
                : (null, "risk_bias must be a number in [0, 1].");
        }

        if (key.StartsWith("sentiment:", StringComparison.Ordinal))
        {
            if (!SymbolPattern().IsMatch(key["sentiment:".Length..]))
            {
                return (null, $"'{key}' is not sentiment:{{SYMBOL}} (upper-case symbol, up to 20 characters).");
            }

            if (Number(value) is not { } score || score is < -1 or > 1)
            {
                return (null, "A sentiment must be a number in [-1, 1].");
            }

            return Ttl(ttlSeconds, SentimentTtl) is { } ttl ? (new RedisWrite(key, Format(score), ttl), null) : (null, TtlError);
        }

        if (key.StartsWith("events:", StringComparison.Ordinal))
        {
            if (!EventTypePattern().IsMatch(key["events:".Length..]))
            {
                return (null, $"'{key}' is not events:{{type}} (letters, digits, '_', '-', '.', up to 64 characters).");
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                return (null, "An event tag must be a JSON object.");
            }

            var json = value.GetRawText();
            if (json.Length > 8192)
            {
                return (null, "An event tag may hold at most 8192 characters of JSON.");
            }

            return Ttl(ttlSeconds, EventTtl) is { } ttl ? (new RedisWrite(key, json, ttl), null) : (null, TtlError);
        }

        return (null, $"'{key}' is not a key agents may write (risk_bias, sentiment:{{SYMBOL}}, events:{{type}}).");
    }

    private const string TtlError = "ttlSeconds must lie between 60 and 604800.";

    private static TimeSpan? Ttl(double? seconds, TimeSpan fallback)
    {
        if (seconds is null)
        {
            return fallback;
        }

        if (double.IsNaN(seconds.Value) || seconds.Value < MinimumTtl.TotalSeconds || seconds.Value > MaximumTtl.TotalSeconds)
        {
            return null;
        }

        return TimeSpan.FromSeconds(seconds.Value);
    }

    private static double? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    private static string Format(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.^/-]{0,19}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex EventTypePattern();
}
