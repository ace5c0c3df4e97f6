using AqTrading.Contracts.Orders;
using AqTrading.Portfolio.Accounting;
using AqTrading.Portfolio.Data;
using AqTrading.ServicePlatform.Inbox;
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

        var fill = new Fill(message.AccountId, message.StrategyId, message.Symbol, FillBooking.ParseAssetType(message.AssetClass),
            message.Multiplier, message.Side == "sell" ? FillSide.Sell : FillSide.Buy, message.Quantity, message.Price, message.Fees);
        await FillBooking.BookAsync(Db, account, fill, message.AssetClass, message.FillId, message.OrderId, message.OccurredAt, cancellationToken);
    }
}
