using AqTrading.Contracts.Orders;
using AqTrading.Portfolio.Accounting;
using AqTrading.Portfolio.Data;
using AqTrading.ServicePlatform.Inbox;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Portfolio.Fills;

/// <summary>
/// Books each fill exactly once: position (average cost, realized P&amp;L), a transaction, the account's cash, and a
/// <see cref="PositionChanged"/> event — in one transaction with the inbox records of the messages. Fills come in
/// batches (one transaction, one lock per account and one commit for all the fills a burst delivered), booked in the
/// order they arrived.
/// </summary>
public sealed class OrderFilledConsumer(PortfolioDbContext db, TimeProvider time, ILogger<OrderFilledConsumer> logger)
    : IdempotentBatchConsumer<OrderFilled, PortfolioDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<OrderFilled> messages, CancellationToken cancellationToken)
    {
        // The same execution may arrive under another message id (a broker replay): the fill id decides.
        var fillIds = messages.Select(m => m.FillId).Distinct().ToList();
        var booked = (await Db.Transactions.Where(t => fillIds.Contains(t.FillId)).Select(t => t.FillId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        // Locked in one order (by id) by every booking, so two batches never wait for each other in a cycle.
        var accountIds = messages.Select(m => m.AccountId).Distinct().ToArray();
        var accounts = await Db.Accounts.FromSql($"SELECT * FROM accounts WHERE id = ANY({accountIds}) ORDER BY id FOR UPDATE")
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var message in messages)
        {
            if (!booked.Add(message.FillId))
            {
                continue;
            }

            var account = accounts.GetValueOrDefault(message.AccountId)
                ?? throw new InvalidOperationException($"Fill {message.FillId} is for unknown account {message.AccountId}.");
            var fill = new Fill(message.AccountId, message.StrategyId, message.Symbol, FillBooking.ParseAssetType(message.AssetClass),
                message.Multiplier, message.Side == "sell" ? FillSide.Sell : FillSide.Buy, message.Quantity, message.Price, message.Fees);
            await FillBooking.BookAsync(Db, account, fill, message.AssetClass, message.FillId, message.OrderId, message.OccurredAt, cancellationToken);
            // The next fill of the same position reads it back: saved (not committed) so that read sees this one.
            await Db.SaveChangesAsync(cancellationToken);
        }
    }
}
