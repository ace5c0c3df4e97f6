using AqTrading.Contracts.Orders;
using AqTrading.Contracts.Portfolio;
using AqTrading.Risk.Rules;
using MassTransit;

namespace AqTrading.Risk.Checks;

/// <summary>
/// A fill booked by the portfolio: its exposure is now in the positions, so it leaves the reservation — once risk's
/// snapshot of the account includes it (until then checks read the previous snapshot, and the fill's exposure stays
/// counted as reserved). Idempotent in memory (the ledger counts a fill id once), which is all this in-memory state needs.
/// </summary>
public sealed class PositionChangedConsumer(ExposureLedger ledger, AccountSnapshots accounts) : IConsumer<PositionChanged>
{
    public Task Consume(ConsumeContext<PositionChanged> context)
    {
        var booked = context.Message;
        accounts.Booked(booked.AccountId, () => ledger.Booked(booked.OrderId.ToString(), booked.FillId, booked.FillQuantity));
        return Task.CompletedTask;
    }
}

/// <summary>An order reached a final status: its unfilled exposure is released.</summary>
public sealed class OrderCompletedConsumer(ExposureLedger ledger) : IConsumer<OrderCompleted>
{
    public Task Consume(ConsumeContext<OrderCompleted> context)
    {
        ledger.Completed(context.Message.OrderId.ToString(), context.Message.FilledQuantity);
        return Task.CompletedTask;
    }
}
