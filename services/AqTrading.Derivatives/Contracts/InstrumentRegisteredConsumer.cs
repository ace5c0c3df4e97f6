using AqTrading.Contracts.MarketData;
using AqTrading.Derivatives.Data;
using AqTrading.ServicePlatform.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Derivatives.Contracts;

/// <summary>
/// Keeps the contract table in step with the market-data catalogue: every option or future registered there is
/// tracked here to its expiry. Equities are not derivatives and are ignored.
/// </summary>
public sealed class InstrumentRegisteredConsumer(DerivativesDbContext db, TimeProvider time, IOptions<DerivativesOptions> options,
    ILogger<InstrumentRegisteredConsumer> logger)
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

        var contract = new DerivativeContract
        {
            Symbol = message.Symbol,
            Underlying = message.Underlying,
            ContractType = message.AssetClass,
            RegisteredAt = message.OccurredAt,
        };
        ContractTerms.Apply(contract, message.AssetClass, message.Underlying, message.Expiry.Value, message.Strike, message.Right,
            message.Multiplier, message.TickSize, message.Exchange, message.Currency, options.Value);
        Db.Contracts.Add(contract);
    }
}

/// <summary>
/// An instrument's terms changed in market data: the contract follows (a new expiry, strike or multiplier). An
/// instrument that becomes an option or future is tracked from now on; one that stops being one is dropped.
/// </summary>
public sealed class InstrumentUpdatedConsumer(DerivativesDbContext db, TimeProvider time, IOptions<DerivativesOptions> options,
    ILogger<InstrumentUpdatedConsumer> logger)
    : IdempotentConsumer<InstrumentUpdated, DerivativesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(InstrumentUpdated message, CancellationToken cancellationToken)
    {
        var contract = await Db.Contracts.SingleOrDefaultAsync(c => c.Symbol == message.Symbol, cancellationToken);
        var tracked = message.AssetClass is AssetClasses.Option or AssetClasses.Future && message.Underlying is not null && message.Expiry is not null;
        if (!tracked)
        {
            if (contract is not null)
            {
                Db.Contracts.Remove(contract);
            }

            return;
        }

        if (contract is null)
        {
            contract = new DerivativeContract
            {
                Symbol = message.Symbol, Underlying = message.Underlying!, ContractType = message.AssetClass, RegisteredAt = message.OccurredAt,
            };
            Db.Contracts.Add(contract);
        }

        ContractTerms.Apply(contract, message.AssetClass, message.Underlying!, message.Expiry!.Value, message.Strike, message.Right,
            message.Multiplier, message.TickSize, message.Exchange, message.Currency, options.Value);
        contract.UpdatedAt = message.OccurredAt;
    }
}

/// <summary>An instrument was deleted from market data: it is no longer tracked here.</summary>
public sealed class InstrumentRemovedConsumer(DerivativesDbContext db, TimeProvider time, ILogger<InstrumentRemovedConsumer> logger)
    : IdempotentConsumer<InstrumentRemoved, DerivativesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(InstrumentRemoved message, CancellationToken cancellationToken)
    {
        var contract = await Db.Contracts.SingleOrDefaultAsync(c => c.Symbol == message.Symbol, cancellationToken);
        if (contract is not null)
        {
            Db.Contracts.Remove(contract);
        }
    }
}

internal static class ContractTerms
{
    public static void Apply(DerivativeContract contract, string assetClass, string underlying, DateOnly expiry, decimal? strike, string? right,
        decimal multiplier, decimal tickSize, string? exchange, string? currency, DerivativesOptions options)
    {
        var isOption = assetClass == AssetClasses.Option;
        contract.ContractType = assetClass;
        contract.Underlying = underlying.ToUpperInvariant();
        contract.Expiry = expiry;
        contract.Strike = isOption ? strike : null;
        contract.Right = isOption ? right : null;
        contract.Style = isOption ? options.StyleOf(underlying) : null;
        contract.Multiplier = multiplier;
        contract.TickSize = tickSize;
        contract.Exchange = exchange;
        contract.Currency = currency;
    }
}
