using System.Collections.Concurrent;
using AqTrading.Risk.Data;
using AqTrading.Risk.Rules.Greeks;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Risk.Greeks;

/// <summary>Each account's Greeks limits, read from riskdb at most every few seconds and dropped when edited here.</summary>
public sealed class GreeksLimitsCache(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (GreeksLimits Limits, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<GreeksLimits> ForAsync(string accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var entry) && now - entry.ReadAt < MaxAge)
        {
            return entry.Limits;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        var stored = await db.GreeksLimits.AsNoTracking().SingleOrDefaultAsync(l => l.AccountId == accountId, ct);
        var limits = stored?.Limits ?? GreeksLimits.Default;
        _cache[accountId] = (limits, now);
        return limits;
    }

    public void Invalidate(string accountId) => _cache.TryRemove(accountId, out _);
}
