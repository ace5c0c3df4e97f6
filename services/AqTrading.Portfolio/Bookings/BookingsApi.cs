using System.Security.Cryptography;
using System.Text;
using AqTrading.Portfolio.Accounting;
using AqTrading.Portfolio.Fills;
using AqTrading.Portfolio.Positions;
using AqTrading.Portfolio.Data;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Portfolio.Bookings;

/// <summary>
/// A booking that is not a market trade: an option exercised or assigned (the option leaves at 0, the shares arrive at
/// the strike), an option expiring worthless, a future settled at expiry. Each leg is booked exactly like a fill —
/// position, a transaction, cash, <see cref="PositionChanged"/> — under the fill id <c>{bookingId}#{leg}</c>, so the
/// transactions say what happened and a repeated booking id books nothing twice.
/// </summary>
/// <param name="Reason"><c>exercise</c>, <c>assignment</c>, <c>expiration</c> or <c>futures_settlement</c>.</param>
public sealed record BookingRequest(string? BookingId, string? AccountId, string? StrategyId, string? Reason, List<BookingLeg>? Legs);

/// <param name="AssetClass"><c>equity</c>, <c>option</c> or <c>future</c>.</param>
/// <param name="Side"><c>buy</c> or <c>sell</c>.</param>
public sealed record BookingLeg(string? Symbol, string? AssetClass, decimal? Multiplier, string? Side, decimal? Quantity, decimal? Price);

public sealed record BookingResult(string BookingId, bool Replayed, List<TransactionRecord> Transactions, decimal Cash);

public static class BookingsApi
{
    public static readonly string[] Reasons = ["exercise", "assignment", "expiration", "futures_settlement"];

    public static RouteGroupBuilder MapBookings(this RouteGroupBuilder api)
    {
        api.MapPost("/bookings", Book)
            .WithSummary("Book an exercise, assignment, expiration or futures settlement (not a market trade); idempotent by bookingId.");
        return api;
    }

    public static async Task<Results<Created<BookingResult>, Ok<BookingResult>, ValidationProblem, ProblemHttpResult>> Book(
        BookingRequest request, PortfolioDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var bookingId = request.BookingId!;
        var prefix = bookingId + "#";
        var existing = await db.Transactions.AsNoTracking().Where(t => t.FillId.StartsWith(prefix)).OrderBy(t => t.Id).ToListAsync(ct);
        if (existing.Count > 0)
        {
            var cash = await db.Accounts.AsNoTracking().Where(a => a.Id == request.AccountId).Select(a => a.Cash).SingleAsync(ct);
            return TypedResults.Ok(new BookingResult(bookingId, true, existing, cash));
        }

        if (!await db.Accounts.AnyAsync(a => a.Id == request.AccountId, ct))
        {
            return Problems.NotFound($"No account '{request.AccountId}'.");
        }

        try
        {
            var result = await db.InTransactionAsync(async token =>
            {
                db.ChangeTracker.Clear();
                var account = await db.Accounts.FromSql($"SELECT * FROM accounts WHERE id = {request.AccountId} FOR UPDATE").SingleAsync(token);
                var now = time.GetUtcNow();
                // A deterministic order id per booking, so the transactions of one booking group together.
                var orderId = new Guid(MD5.HashData(Encoding.UTF8.GetBytes(bookingId)));
                var transactions = new List<TransactionRecord>();
                for (var i = 0; i < request.Legs!.Count; i++)
                {
                    var leg = request.Legs[i];
                    var fill = new Fill(account.Id, request.StrategyId, leg.Symbol!.ToUpperInvariant(), FillBooking.ParseAssetType(leg.AssetClass!),
                        leg.Multiplier ?? 1m, leg.Side == "sell" ? FillSide.Sell : FillSide.Buy, leg.Quantity!.Value, leg.Price!.Value, 0m);
                    transactions.Add(await FillBooking.BookAsync(db, account, fill, leg.AssetClass!, $"{prefix}{i}", orderId, now, token));
                    // Legs in one symbol (rare) must see each other: save as we go, inside the transaction.
                    await db.SaveChangesAsync(token);
                }

                return new BookingResult(bookingId, false, transactions, account.Cash);
            }, ct);
            return TypedResults.Created($"/api/portfolio/accounts/{request.AccountId}/transactions", result);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A concurrent booking of the same id won: answer with what it booked.
            var booked = await db.Transactions.AsNoTracking().Where(t => t.FillId.StartsWith(prefix)).OrderBy(t => t.Id).ToListAsync(ct);
            var cash = await db.Accounts.AsNoTracking().Where(a => a.Id == request.AccountId).Select(a => a.Cash).SingleAsync(ct);
            return TypedResults.Ok(new BookingResult(bookingId, true, booked, cash));
        }
    }

    private static Dictionary<string, string[]> Validate(BookingRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.BookingId) || request.BookingId.Length > 120)
            errors["bookingId"] = ["bookingId is required (at most 120 characters); it makes the booking idempotent."];
        if (string.IsNullOrWhiteSpace(request.AccountId)) errors["accountId"] = ["accountId is required."];
        if (request.Reason is null || !Reasons.Contains(request.Reason)) errors["reason"] = [$"reason must be one of {string.Join(", ", Reasons)}."];
        if (request.Legs is not { Count: > 0 })
        {
            errors["legs"] = ["At least one leg is required."];
            return errors;
        }

        for (var i = 0; i < request.Legs.Count; i++)
        {
            var leg = request.Legs[i];
            if (string.IsNullOrWhiteSpace(leg.Symbol)) errors[$"legs[{i}].symbol"] = ["symbol is required."];
            if (leg.AssetClass is not ("equity" or "option" or "future")) errors[$"legs[{i}].assetClass"] = ["assetClass must be equity, option or future."];
            if (leg.Side is not ("buy" or "sell")) errors[$"legs[{i}].side"] = ["side must be buy or sell."];
            if (leg.Quantity is not > 0) errors[$"legs[{i}].quantity"] = ["quantity must be positive."];
            if (leg.Price is not >= 0) errors[$"legs[{i}].price"] = ["price must be zero or positive."];
            if (leg.Multiplier is <= 0) errors[$"legs[{i}].multiplier"] = ["multiplier must be positive."];
        }

        return errors;
    }
}
