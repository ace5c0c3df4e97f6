using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Data;
using AqTrading.Derivatives.Peers;
using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Derivatives.Pricing.Options;
using AqTrading.ServicePlatform.Quotes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Derivatives.Expirations;

public sealed record ExpiryRunResult(DateOnly Date, IReadOnlyList<ExpirationAction> Actions, int Failures);

/// <summary>
/// Expiration processing for one date: every position in a contract expiring that day is settled through a
/// portfolio booking (not a market order — nothing trades): an option out of or at the money expires worthless (its
/// position closes at 0), one in the money is exercised (long) or assigned (short) and turns into shares at the
/// strike, with the cash; a future still held is settled at its last quote and flagged as not rolled. Moneyness and
/// settlement use the latest quote's mid (the underlying's for options) at processing time — run it after the close.
/// Idempotent: a booking id per (account, strategy, contract, date), recorded here and applied once by the portfolio.
/// </summary>
public sealed class ExpirationProcessor(DerivativesDbContext db, PortfolioClient portfolio, QuoteReader quotes,
    IOptions<DerivativesOptions> options, TimeProvider time, ILogger<ExpirationProcessor> logger)
{
    public async Task<ExpiryRunResult> ProcessAsync(DateOnly date, IReadOnlyCollection<string>? accounts, CancellationToken ct)
    {
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.Expiry == date).ToDictionaryAsync(c => c.Symbol, ct);
        var actions = new List<ExpirationAction>();
        var failures = 0;
        foreach (var accountId in accounts is { Count: > 0 } ? accounts : options.Value.Expiration.Accounts)
        {
            if (contracts.Count == 0)
            {
                break;
            }

            var positions = await portfolio.PositionsAsync(accountId, ct) ?? [];
            foreach (var position in positions.Where(p => contracts.ContainsKey(p.Symbol) && p.Quantity != 0))
            {
                var action = await SettleAsync(contracts[position.Symbol], position, date, ct);
                actions.Add(action);
                if (action.Status != "booked") failures++;
            }
        }

        var run = await db.ExpiryRuns.SingleOrDefaultAsync(r => r.Date == date, ct);
        if (failures == 0)
        {
            if (run is null)
            {
                run = new ExpiryRun { Date = date };
                db.ExpiryRuns.Add(run);
            }

            run.Actions += actions.Count;
            run.Failures = 0;
            run.ProcessedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return new ExpiryRunResult(date, actions, failures);
    }

    /// <summary>An early-assignment notice: <paramref name="contracts"/> of a short option position are assigned now.</summary>
    public async Task<ExpirationAction> AssignEarlyAsync(DerivativeContract contract, HeldPosition position, decimal contracts, string noticeId, CancellationToken ct)
    {
        var settlement = ExpirationRules.Assign(RightOf(contract), contract.Strike!.Value, contracts, contract.Multiplier);
        return await BookAsync(contract, position, $"assignment:{noticeId}", "early_assignment", -contracts, "assignment",
            settlement, null, ct);
    }

    private async Task<ExpirationAction> SettleAsync(DerivativeContract contract, HeldPosition position, DateOnly date, CancellationToken ct)
    {
        var bookingId = $"expiry:{position.AccountId}:{position.StrategyId ?? "-"}:{contract.Symbol}:{date:yyyyMMdd}";
        if (contract.ContractType == "future")
        {
            var last = await quotes.LatestQuoteAsync(contract.Symbol);
            if (last is null)
            {
                return await RecordFailureAsync(contract, position, bookingId, "futures_unrolled",
                    $"{contract.Symbol} is still held at expiry (it was not rolled) and has no quote to settle at.", ct);
            }

            var side = position.Quantity > 0 ? "sell" : "buy";
            var legs = new[] { Leg(contract.Symbol, "future", position.Multiplier, side, Math.Abs(position.Quantity), last.Mid) };
            return await PostAsync(contract, position, bookingId, "futures_settled", position.Quantity, "futures_settlement", legs,
                null, last.Mid, 0, 0, $"Held at expiry, not rolled: settled at {last.Mid}.", ct);
        }

        var underlying = await quotes.LatestQuoteAsync(contract.Underlying);
        if (underlying is null || contract.Strike is null || contract.Right is null)
        {
            return await RecordFailureAsync(contract, position, bookingId, "expired_worthless",
                underlying is null
                    ? $"No quote for {contract.Underlying}: moneyness of {contract.Symbol} cannot be decided. Publish a quote and process the date again."
                    : $"{contract.Symbol} has no strike or right.", ct);
        }

        var settlement = ExpirationRules.Settle(RightOf(contract), contract.Strike.Value, position.Quantity, contract.Multiplier, underlying.Mid);
        var kind = settlement.Outcome switch
        {
            ExpirationOutcome.Exercised => "exercised",
            ExpirationOutcome.Assigned => "assigned",
            _ => "expired_worthless",
        };
        var reason = settlement.Outcome switch
        {
            ExpirationOutcome.Exercised => "exercise",
            ExpirationOutcome.Assigned => "assignment",
            _ => "expiration",
        };
        return await BookAsync(contract, position, bookingId, kind, position.Quantity, reason, settlement, underlying.Mid, ct);
    }

    private Task<ExpirationAction> BookAsync(DerivativeContract contract, HeldPosition position, string bookingId, string kind, decimal quantity,
        string reason, OptionSettlement settlement, decimal? underlyingPrice, CancellationToken ct)
    {
        // The option leaves the books at 0 (its premium is the realized P&L); the shares arrive at the strike.
        var legs = new List<object> { Leg(contract.Symbol, "option", position.Multiplier, quantity > 0 ? "sell" : "buy", Math.Abs(quantity), 0m) };
        if (settlement.ShareSide is { } side)
        {
            legs.Add(Leg(contract.Underlying, "equity", 1m, side, Math.Abs(settlement.ShareQuantity), settlement.Strike));
        }

        return PostAsync(contract, position, bookingId, kind, quantity, reason, legs, contract.Strike, underlyingPrice,
            settlement.ShareQuantity, settlement.CashChange, null, ct);
    }

    private static object Leg(string symbol, string assetClass, decimal multiplier, string side, decimal quantity, decimal price) =>
        new { symbol, assetClass, multiplier, side, quantity, price };

    private async Task<ExpirationAction> PostAsync(DerivativeContract contract, HeldPosition position, string bookingId, string kind,
        decimal quantity, string reason, IEnumerable<object> legs, decimal? strike, decimal? underlyingPrice, decimal shares, decimal cash,
        string? detail, CancellationToken ct)
    {
        var existing = await db.ExpirationActions.SingleOrDefaultAsync(a => a.BookingId == bookingId, ct);
        if (existing is { Status: "booked" })
        {
            return existing;
        }

        var booked = await portfolio.BookAsync(new { bookingId, accountId = position.AccountId, strategyId = position.StrategyId, reason, legs }, ct);
        var action = existing ?? new ExpirationAction
        {
            Id = Guid.CreateVersion7(), BookingId = bookingId, AccountId = position.AccountId, StrategyId = position.StrategyId,
            Symbol = contract.Symbol, ContractType = contract.ContractType, Underlying = contract.Underlying, Expiry = contract.Expiry,
            Kind = kind, Quantity = quantity, Strike = strike, UnderlyingPrice = underlyingPrice, ShareQuantity = shares, CashChange = cash,
            Status = "failed",
        };
        action.Status = booked.Ok ? "booked" : "failed";
        action.Detail = booked.Ok ? detail : booked.Error;
        action.ProcessedAt = time.GetUtcNow();
        if (existing is null) db.ExpirationActions.Add(action);
        await db.SaveChangesAsync(ct);
        if (!booked.Ok)
        {
            logger.LogWarning("Expiration booking {BookingId} failed: {Error}", bookingId, booked.Error);
        }

        return action;
    }

    private async Task<ExpirationAction> RecordFailureAsync(DerivativeContract contract, HeldPosition position, string bookingId, string kind,
        string detail, CancellationToken ct)
    {
        var action = await db.ExpirationActions.SingleOrDefaultAsync(a => a.BookingId == bookingId, ct);
        if (action is null)
        {
            action = new ExpirationAction
            {
                Id = Guid.CreateVersion7(), BookingId = bookingId, AccountId = position.AccountId, StrategyId = position.StrategyId,
                Symbol = contract.Symbol, ContractType = contract.ContractType, Underlying = contract.Underlying, Expiry = contract.Expiry,
                Kind = kind, Quantity = position.Quantity, Strike = contract.Strike, Status = "failed",
            };
            db.ExpirationActions.Add(action);
        }

        action.Detail = detail;
        action.ProcessedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Expiration of {Symbol} for {Account} not booked: {Detail}", contract.Symbol, position.AccountId, detail);
        return action;
    }

    private static OptionRight RightOf(DerivativeContract contract) => contract.Right == "put" ? OptionRight.Put : OptionRight.Call;
}

/// <summary>
/// Processes each expiry date once the New York clock passes <see cref="ExpirationOptions.ProcessAt"/> on it: today
/// after the close, and any of the <see cref="ExpirationOptions.CatchUpDays"/> days before with tracked contracts not yet
/// processed (a service that was down catches up; older dates need the API action).
/// </summary>
public sealed class ExpirationWorker(IServiceScopeFactory scopes, IOptions<DerivativesOptions> options, TimeProvider time,
    ILogger<ExpirationWorker> logger) : BackgroundService
{
    /// <summary>The latest expiry date whose close has passed at <paramref name="now"/>.</summary>
    public static DateOnly LastClosedDate(DateTimeOffset now, TimeOnly processAt)
    {
        var today = ExpiryWindow.NewYorkDate(now);
        return now >= ExpiryWindow.NewYorkInstant(today, processAt) ? today : today.AddDays(-1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Expiration;
        if (!settings.AutoProcess)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DerivativesDbContext>();
                var until = LastClosedDate(time.GetUtcNow(), settings.ProcessAt);
                var from = until.AddDays(-settings.CatchUpDays);
                var done = db.ExpiryRuns.Select(r => r.Date);
                var due = await db.Contracts.AsNoTracking().Where(c => c.Expiry <= until && c.Expiry >= from && !done.Contains(c.Expiry))
                    .Select(c => c.Expiry).Distinct().OrderBy(d => d).Take(10).ToListAsync(stoppingToken);
                var processor = scope.ServiceProvider.GetRequiredService<ExpirationProcessor>();
                foreach (var date in due)
                {
                    var result = await processor.ProcessAsync(date, null, stoppingToken);
                    logger.LogInformation("Expiry {Date}: {Actions} actions, {Failures} failures", date, result.Actions.Count, result.Failures);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Expiration processing failed; retrying at the next poll.");
            }

            try
            {
                await Task.Delay(settings.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
