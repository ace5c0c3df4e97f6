using System.Collections.Concurrent;
using AqTrading.Contracts.Derivatives;
using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Data;
using AqTrading.Derivatives.Peers;
using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.ServicePlatform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Derivatives.Expirations;

public sealed record ExpiryWarningRun(DateOnly AsOf, int PositionsChecked, int Published);

/// <summary>
/// Warns of held options and futures nearing expiry: for every position of the configured accounts in a tracked
/// contract, one <see cref="ContractExpiring"/> per due threshold (<see cref="ExpiryWarnings"/>), through the outbox.
/// The operations service raises an alert on each, deduplicated for good per (account, contract, expiry, threshold);
/// this process remembers what it published so a check every hour does not repeat itself (after a restart it publishes
/// once more, and the alert's permanent fingerprint keeps that to one alert).
/// </summary>
public sealed class ExpiryWarner(IServiceScopeFactory scopes, IOptions<DerivativesOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, byte> _published = new();

    public async Task<ExpiryWarningRun> CheckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DerivativesDbContext>();
        var portfolio = scope.ServiceProvider.GetRequiredService<PortfolioClient>();
        var now = time.GetUtcNow();
        var today = ExpiryWindow.NewYorkDate(now);
        var horizon = today.AddDays(ExpiryWarnings.Thresholds.Max());
        var checkedCount = 0;
        var published = new List<string>();
        foreach (var account in options.Value.Expiration.Accounts)
        {
            var held = (await portfolio.PositionsAsync(account, ct) ?? []).Where(p => p.Quantity != 0m).ToList();
            var symbols = held.Select(p => p.Symbol).Distinct().ToList();
            var contracts = await db.Contracts.AsNoTracking()
                .Where(c => symbols.Contains(c.Symbol) && c.Expiry >= today && c.Expiry <= horizon)
                .ToDictionaryAsync(c => c.Symbol, ct);
            foreach (var position in held)
            {
                if (!contracts.TryGetValue(position.Symbol, out var contract))
                {
                    continue;
                }

                checkedCount++;
                var days = ExpiryWindow.DaysToExpiry(contract.Expiry, today);
                foreach (var threshold in ExpiryWarnings.Due(days))
                {
                    var key = $"{account}:{position.StrategyId}:{contract.Symbol}:{contract.Expiry:yyyyMMdd}:{threshold}";
                    if (_published.ContainsKey(key))
                    {
                        continue;
                    }

                    db.AddIntegrationEvent(new ContractExpiring(account, contract.Symbol, contract.ContractType, contract.Expiry, days, threshold,
                        position.Quantity, now));
                    published.Add(key);
                }
            }
        }

        if (published.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            foreach (var key in published)
            {
                _published[key] = 0;
            }
        }

        return new ExpiryWarningRun(today, checkedCount, published.Count);
    }
}

/// <summary>Runs <see cref="ExpiryWarner"/> at start and every <see cref="ExpirationOptions.WarningInterval"/>.</summary>
public sealed partial class ExpiryWarningWorker(ExpiryWarner warner, IOptions<DerivativesOptions> options, TimeProvider time,
    ILogger<ExpiryWarningWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Expiration.WarningInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // A failed check (the portfolio still starting, say) is retried within a minute, not an interval later.
            var wait = interval;
            try
            {
                var run = await warner.CheckAsync(stoppingToken);
                if (run.Published > 0)
                {
                    LogPublished(run.Published, run.PositionsChecked);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e.Message);
                wait = TimeSpan.FromTicks(Math.Min(interval.Ticks, TimeSpan.FromMinutes(1).Ticks));
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Expiry warnings: {Published} published for {Positions} positions near expiry")]
    private partial void LogPublished(int published, int positions);

    [LoggerMessage(LogLevel.Warning, "Expiry warning check failed; retrying at the next interval: {Reason}")]
    private partial void LogFailed(string reason);
}
