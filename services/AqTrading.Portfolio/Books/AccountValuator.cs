using AqTrading.Portfolio.Accounting;
using AqTrading.Portfolio.Accounts;
using AqTrading.Portfolio.Data;
using AqTrading.ServicePlatform.Quotes;
using AqTrading.Portfolio.Positions;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AqTrading.Portfolio.Books;

/// <summary>A position valued at its mark. <c>MarkSource</c> is <c>quote</c>, or <c>cost</c> when no quote is available.</summary>
public sealed record PositionView(
    string AccountId, string Symbol, string? StrategyId, AssetType AssetType, decimal Multiplier, decimal Quantity,
    decimal AverageCost, decimal Mark, string MarkSource, DateTimeOffset? MarkTime, decimal MarketValue, decimal UnrealizedPnl,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// An account with its positions at their marks. Buying power is the cash of a cash account (the paper account
/// has no margin), so margin used is zero.
/// </summary>
/// <para>Day P&amp;L = equity − the day's start equity; <c>PeakEquity</c> is the high-water mark drawdown is measured from.
/// Both come from the equity samples; before the day's first sample, day P&amp;L is 0 and the peak is today's equity.</para>
public sealed record AccountView(
    string Id, string Name, string Broker, string Currency, decimal Cash, decimal Equity, decimal BuyingPower, decimal MarginUsed,
    decimal MarketValue, decimal UnrealizedPnl, decimal RealizedPnl, bool MarksComplete, decimal StartOfDayEquity, decimal DayPnl,
    decimal PeakEquity, DateTimeOffset UpdatedAt);

public sealed record PnlView(string AccountId, string? StrategyId, decimal RealizedPnl, decimal UnrealizedPnl, decimal TotalPnl);

public sealed record ExposureView(string AccountId, decimal Gross, decimal Net, IReadOnlyDictionary<string, decimal> BySymbol);

public sealed class AccountValuator(PortfolioDbContext db, QuoteReader marks, TimeProvider time)
{
    public async Task<IReadOnlyList<PositionView>> PositionsAsync(string accountId, string? strategyId, CancellationToken ct)
    {
        var query = db.Positions.AsNoTracking().Where(p => p.AccountId == accountId);
        if (strategyId is not null)
        {
            query = query.Where(p => p.StrategyId == strategyId);
        }

        var records = await query.OrderBy(p => p.Symbol).ThenBy(p => p.StrategyId).ToListAsync(ct);
        var quotes = await QuotesAsync(records.Select(r => r.Symbol).Distinct().ToList());
        return records.Select(r => View(r, quotes)).ToList();
    }

    public async Task<AccountView?> AccountAsync(string accountId, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
        {
            return null;
        }

        var positions = await PositionsAsync(accountId, null, ct);
        var marked = positions.Select(p => new MarkedPosition(ToPosition(p), p.Mark)).ToList();
        var equity = AccountMath.Equity(account.Cash, marked);
        var today = EquityWatermarkSampler.TradingDay(time.GetUtcNow());
        var watermark = await db.Watermarks.AsNoTracking().SingleOrDefaultAsync(w => w.AccountId == accountId && w.TradingDay == today, ct);
        var start = watermark?.StartEquity ?? equity;
        return new AccountView(account.Id, account.Name, account.Broker, account.Currency, account.Cash,
            equity, BuyingPower: Math.Max(account.Cash, 0m), MarginUsed: 0m,
            marked.Sum(m => m.MarketValue), marked.Sum(m => m.UnrealizedPnl), account.RealizedPnl,
            MarksComplete: positions.All(p => p.MarkSource == "quote"), start, AccountMath.DayPnl(equity, start),
            Math.Max(watermark?.PeakEquity ?? equity, equity), account.UpdatedAt);
    }

    /// <summary>Realized P&amp;L sums every transaction (no cap); unrealized is at the current marks.</summary>
    public async Task<PnlView> PnlAsync(string accountId, string? strategyId, CancellationToken ct)
    {
        var transactions = db.Transactions.Where(t => t.AccountId == accountId);
        if (strategyId is not null)
        {
            transactions = transactions.Where(t => t.StrategyId == strategyId);
        }

        var realized = await transactions.SumAsync(t => (decimal?)t.RealizedPnl, ct) ?? 0m;
        var unrealized = (await PositionsAsync(accountId, strategyId, ct)).Sum(p => p.UnrealizedPnl);
        return new PnlView(accountId, strategyId, realized, unrealized, realized + unrealized);
    }

    public async Task<ExposureView> ExposureAsync(string accountId, CancellationToken ct)
    {
        var marked = (await PositionsAsync(accountId, null, ct)).Select(p => new MarkedPosition(ToPosition(p), p.Mark)).ToList();
        return new ExposureView(accountId, Valuation.GrossExposure(marked), Valuation.NetExposure(marked), Valuation.ExposureBySymbol(marked));
    }

    private async Task<IReadOnlyDictionary<string, AqTrading.Contracts.MarketData.Quote>> QuotesAsync(IReadOnlyCollection<string> symbols)
    {
        try
        {
            return await marks.LatestQuotesAsync(symbols);
        }
        catch (RedisException)
        {
            // Without quotes, positions are shown at cost (MarkSource "cost") rather than not at all.
            return new Dictionary<string, AqTrading.Contracts.MarketData.Quote>();
        }
    }

    private static PositionView View(PositionRecord record, IReadOnlyDictionary<string, AqTrading.Contracts.MarketData.Quote> quotes)
    {
        var position = record.ToPosition();
        var quote = quotes.GetValueOrDefault(record.Symbol);
        var mark = quote?.Mid ?? record.AverageCost;
        return new PositionView(record.AccountId, record.Symbol, record.StrategyId, record.AssetType, record.Multiplier, record.Quantity,
            record.AverageCost, mark, quote is null ? "cost" : "quote", quote?.Time,
            Valuation.MarketValue(position, mark), Valuation.UnrealizedPnl(position, mark), record.OpenedAt, record.UpdatedAt);
    }

    private static Position ToPosition(PositionView view) =>
        new(view.Symbol, view.AccountId, view.StrategyId, view.AssetType, view.Multiplier, view.Quantity, view.AverageCost);
}
