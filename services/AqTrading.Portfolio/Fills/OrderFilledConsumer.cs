using AqTrading.Contracts.Orders;
using AqTrading.Contracts.Portfolio;
using AqTrading.Portfolio.Accounting;
using AqTrading.Portfolio.Data;
using AqTrading.Portfolio.Positions;
using AqTrading.ServicePlatform.Inbox;
using AqTrading.ServicePlatform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Portfolio.Fills;

/// <summary>
/// Books a fill exactly once: position (average cost, realized P&amp;L), a transaction, the account's cash, and a
/// <see cref="PositionChanged"/> event — all in one transaction with the inbox record of the message.
/// </summary>
public sealed class OrderFilledConsumer(PortfolioDbContext db, TimeProvider time, ILogger<OrderFilledConsumer> logger)
    : IdempotentConsumer<OrderFilled, PortfolioDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(OrderFilled message, CancellationToken cancellationToken)
    {
        // The same execution may arrive under another message id (a broker replay): the fill id decides.
        if (await Db.Transactions.AnyAsync(t => t.FillId == message.FillId, cancellationToken))
        {
            return;
        }

        var account = await Db.Accounts
            .FromSql($"SELECT * FROM accounts WHERE id = {message.AccountId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Fill {message.FillId} is for unknown account {message.AccountId}.");

        var record = await Db.Positions.SingleOrDefaultAsync(p => p.AccountId == message.AccountId
            && p.Symbol == message.Symbol && p.StrategyId == message.StrategyId, cancellationToken);
        var fill = new Fill(message.AccountId, message.StrategyId, message.Symbol, ParseAssetType(message.AssetClass),
            message.Multiplier, message.Side == "sell" ? FillSide.Sell : FillSide.Buy, message.Quantity, message.Price, message.Fees);

        var current = record?.ToPosition();
        var cashChange = AccountMath.CashChange(current, fill);
        var result = PositionMath.ApplyFill(current, fill);
        var now = message.OccurredAt;

        if (result.Position is null)
        {
            if (record is not null)
            {
                Db.Positions.Remove(record);
            }
        }
        else if (record is null)
        {
            Db.Positions.Add(new PositionRecord
            {
                AccountId = fill.AccountId, Symbol = fill.Symbol, StrategyId = fill.StrategyId, AssetType = fill.AssetType,
                Multiplier = fill.Multiplier, Quantity = result.Position.Quantity, AverageCost = result.Position.AverageCost,
                OpenedAt = now, UpdatedAt = now,
            });
        }
        else
        {
            record.Quantity = result.Position.Quantity;
            record.AverageCost = result.Position.AverageCost;
            record.UpdatedAt = now;
        }

        account.Cash += cashChange;
        account.UpdatedAt = now;
        Db.Transactions.Add(new TransactionRecord
        {
            FillId = message.FillId, OrderId = message.OrderId, AccountId = fill.AccountId, Symbol = fill.Symbol,
            StrategyId = fill.StrategyId, Side = fill.Side, Quantity = fill.Quantity, Price = fill.Price, Fees = fill.Fees,
            RealizedPnl = result.RealizedPnl, CashChange = cashChange, ExecutedAt = now,
        });
        Db.AddIntegrationEvent(new PositionChanged(fill.AccountId, fill.StrategyId, fill.Symbol, message.AssetClass, fill.Multiplier,
            result.Position?.Quantity ?? 0m, result.Position?.AverageCost ?? 0m, result.RealizedPnl, account.Cash,
            message.OrderId, message.FillId, message.Quantity, now));
    }

    private static AssetType ParseAssetType(string assetClass) => assetClass switch
    {
        "option" => AssetType.Option,
        "future" => AssetType.Future,
        _ => AssetType.Equity,
    };
}
