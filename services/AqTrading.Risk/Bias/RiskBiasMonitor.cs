using AqTrading.Risk.Rules;
using StackExchange.Redis;

namespace AqTrading.Risk.Bias;

/// <summary>The risk bias the checks use right now, and where it came from.</summary>
public sealed record RiskBiasReading(decimal Value, string Source, string? Raw, DateTimeOffset ReadAt, string? Problem);

/// <summary>
/// Reads <c>risk_bias</c> from Redis in the background (never on an order's path) and keeps the last reading.
/// Redis down, the key missing or an unusable value all mean 1.0; values outside [0, 2] are clamped and logged.
/// </summary>
public sealed partial class RiskBiasMonitor(IConnectionMultiplexer redis, TimeProvider time, ILogger<RiskBiasMonitor> logger)
    : BackgroundService
{
    public const string RedisKey = "risk_bias";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private volatile RiskBiasReading _current = new(RiskBias.Neutral, "default", null, DateTimeOffset.MinValue, "not read yet");

    public RiskBiasReading Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            _current = await ReadAsync();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<RiskBiasReading> ReadAsync()
    {
        var now = time.GetUtcNow();
        try
        {
            var raw = await redis.GetDatabase().StringGetAsync(RedisKey);
            if (!raw.HasValue)
            {
                return new RiskBiasReading(RiskBias.Neutral, "default", null, now, $"{RedisKey} is not set");
            }

            var text = raw.ToString();
            var (value, clamped) = RiskBias.Parse(text);
            if (clamped)
            {
                LogClamped(text, value);
                return new RiskBiasReading(value, "redis", text, now, $"clamped into [{RiskBias.Minimum}, {RiskBias.Maximum}]");
            }

            var usable = decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
            return usable
                ? new RiskBiasReading(value, "redis", text, now, null)
                : new RiskBiasReading(value, "default", text, now, $"'{text}' is not a number");
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return new RiskBiasReading(RiskBias.Neutral, "default", null, now, $"Redis unavailable: {e.Message}");
        }
    }

    [LoggerMessage(LogLevel.Warning, "risk_bias '{Raw}' is outside [0, 2]; using {Value}")]
    private partial void LogClamped(string raw, decimal value);
}
