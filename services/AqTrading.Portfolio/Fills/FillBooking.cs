using AqTrading.Contracts.Portfolio;
using AqTrading.Portfolio.Accounting;
using AqTrading.Portfolio.Accounts;
using AqTrading.Portfolio.Data;
using AqTrading.Portfolio.Positions;
using AqTrading.ServicePlatform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Portfolio.Fills;

/// <summary>
/// Books one execution into the books — the position (average cost, realized P&amp;L), a transaction under its fill id,
/// the account's cash and a <see cref="PositionChanged"/> event — inside the caller's transaction, with the account row
/// already locked. The one way a fill changes the books: market fills (<see cref="OrderFilledConsumer"/>) and bookings
/// (exercise, assignment, expiration, settlement) both come through here.
/// </summary>
public static class FillBooking
{
    public static async Task<TransactionRecord> BookAsync(PortfolioDbContext db, Account account, Fill fill, string assetClass,
        string fillId, Guid orderId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var record = await db.Positions.SingleOrDefaultAsync(p => p.AccountId == fill.AccountId && p.Symbol == fill.Symbol
            && p.StrategyId == fill.StrategyId, cancellationToken);
        var current = record?.ToPosition();
        var cashChange = AccountMath.CashChange(current, fill);
        var applied = PositionMath.ApplyFill(current, fill);
        if (applied.Position is null)
        {
            if (record is not null)
            {
                db.Positions.Remove(record);
            }
        }
        else if (record is null)
        {
            db.Positions.Add(new PositionRecord
            {
                AccountId = fill.AccountId, Symbol = fill.Symbol, StrategyId = fill.StrategyId, AssetType = fill.AssetType,
                Multiplier = fill.Multiplier, Quantity = applied.Position.Quantity, AverageCost = applied.Position.AverageCost,
                OpenedAt = at, UpdatedAt = at,
            });
        }
        else
        {
            record.Quantity = applied.Position.Quantity;
            record.AverageCost = applied.Position.AverageCost;
            record.UpdatedAt = at;
        }

        // Stored as numeric(18,4), which PostgreSQL rounds half away from zero: the account's total adds exactly what the
        // transaction row will hold.
        var realized = Math.Round(applied.RealizedPnl, 4, MidpointRounding.AwayFromZero);
        account.Cash += cashChange;
        account.RealizedPnl += realized;
        account.UpdatedAt = at;
        var transaction = new TransactionRecord
        {
            FillId = fillId, OrderId = orderId, AccountId = fill.AccountId, Symbol = fill.Symbol, StrategyId = fill.StrategyId,
            Side = fill.Side, Quantity = fill.Quantity, Price = fill.Price, Fees = fill.Fees, RealizedPnl = realized,
            CashChange = cashChange, ExecutedAt = at,
        };
        db.Transactions.Add(transaction);
        db.AddIntegrationEvent(new PositionChanged(fill.AccountId, fill.StrategyId, fill.Symbol, assetClass, fill.Multiplier,
            applied.Position?.Quantity ?? 0m, applied.Position?.AverageCost ?? 0m, realized, account.Cash,
            orderId, fillId, fill.Quantity, at));
        return transaction;
    }

    /// <summary>The contracts' asset class (<c>equity</c>, <c>option</c>, <c>future</c>) as the books' asset type.</summary>
    public static AssetType ParseAssetType(string assetClass) => assetClass switch
    {
        "option" => AssetType.Option,
        "future" => AssetType.Future,
        _ => AssetType.Equity,
    };
}
