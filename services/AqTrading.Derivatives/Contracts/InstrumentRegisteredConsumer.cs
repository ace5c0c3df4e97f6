using AqTrading.Contracts.MarketData;
using AqTrading.Derivatives.Data;
using AqTrading.ServicePlatform.Inbox;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Derivatives.Contracts;

/// <summary>
/// Keeps the contract table in step with the market-data catalogue: every option or future registered there is
/// tracked here to its expiry. Equities are not derivatives and are ignored.
/// </summary>
public sealed class InstrumentRegisteredConsumer(DerivativesDbContext db, TimeProvider time, ILogger<InstrumentRegisteredConsumer> logger)
    : IdempotentConsumer<InstrumentRegistered, DerivativesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(InstrumentRegistered message, CancellationToken cancellationToken)
    {
        if (message.AssetClass is not (AssetClasses.Option or AssetClasses.Future)
            || message.Underlying is null || message.Expiry is null)
        {
            return;
        }

        if (await Db.Contracts.AnyAsync(c => c.Symbol == message.Symbol, cancellationToken))
        {
            return;
        }

        Db.Contracts.Add(new DerivativeContract
        {
            Symbol = message.Symbol,
            Underlying = message.Underlying,
            ContractType = message.AssetClass,
            Expiry = message.Expiry.Value,
            Strike = message.Strike,
            Right = message.Right,
            Multiplier = message.Multiplier,
            RegisteredAt = message.OccurredAt,
        });
    }
}
