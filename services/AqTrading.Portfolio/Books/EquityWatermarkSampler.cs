using AqTrading.Portfolio.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Portfolio.Books;

/// <summary>
/// Samples every account's equity at current marks and keeps its day's watermarks: the first sample of a trading day
/// opens it at the previous day's last equity (or, the very first time, at the sample itself); the peak only rises.
/// </summary>
public sealed partial class EquityWatermarkSampler(IServiceScopeFactory scopes, TimeProvider time, IOptions<EquityWatermarkOptions> options,
    ILogger<EquityWatermarkSampler> logger) : BackgroundService
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static DateOnly TradingDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, NewYork).DateTime);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSampleFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDbContext>();
        var valuator = scope.ServiceProvider.GetRequiredService<AccountValuator>();
        var now = time.GetUtcNow();
        var today = TradingDay(now);
        foreach (var accountId in await db.Accounts.AsNoTracking().Select(a => a.Id).ToListAsync(ct))
        {
            var view = await valuator.AccountAsync(accountId, ct);
            if (view is null || !view.MarksComplete && view.MarketValue != 0)
            {
                continue; // a position without a quote would put a made-up number into the day's record
            }

            var mark = await db.Watermarks.SingleOrDefaultAsync(w => w.AccountId == accountId && w.TradingDay == today, ct);
            if (mark is null)
            {
                var previous = await db.Watermarks.AsNoTracking().Where(w => w.AccountId == accountId && w.TradingDay < today)
                    .OrderByDescending(w => w.TradingDay).FirstOrDefaultAsync(ct);
                var start = previous?.LastEquity ?? view.Equity;
                db.Watermarks.Add(new EquityWatermark
                {
                    AccountId = accountId, TradingDay = today, StartEquity = start,
                    PeakEquity = Math.Max(previous?.PeakEquity ?? start, view.Equity), LastEquity = view.Equity, UpdatedAt = now,
                });
            }
            else
            {
                mark.PeakEquity = Math.Max(mark.PeakEquity, view.Equity);
                mark.LastEquity = view.Equity;
                mark.UpdatedAt = now;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(LogLevel.Warning, "Equity sampling failed: {Reason}")]
    private partial void LogSampleFailed(string reason);
}
