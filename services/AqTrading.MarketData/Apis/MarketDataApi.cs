using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Data;
using AqTrading.MarketData.Instruments;
using AqTrading.MarketData.Quotes;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.MarketData;

public static class MarketDataApi
{
    public static WebApplication MapMarketDataApi(this WebApplication app)
    {
        app.MapServicePlatform<MarketDataDbContext>();
        var api = app.MapGroup("/api/market").WithTags("Market data");

        api.MapGet("/instruments", ListInstruments).WithSummary("All instruments, optionally of one asset class.");
        api.MapGet("/instruments/{symbol}", GetInstrument).WithSummary("One instrument by symbol.");
        api.MapPost("/instruments", RegisterInstrument).WithSummary("Adds an instrument and announces it (InstrumentRegistered).");
        api.MapPut("/instruments/{symbol}", UpdateInstrument).WithSummary("Replaces an instrument's terms and announces it (InstrumentUpdated).");
        api.MapDelete("/instruments/{symbol}", DeleteInstrument).WithSummary("Removes an instrument that no other instrument has as underlying (InstrumentRemoved).");
        api.MapGet("/quotes/{symbol}", GetQuote).WithSummary("The latest quote of a symbol, with its age and staleness.");
        api.MapPut("/quotes/{symbol}", PutQuote).WithSummary("Sets the latest quote of a symbol (manual or external feed).");
        api.MapBarsApi();
        return app;
    }

    public static async Task<Results<Ok<List<Instrument>>, ValidationProblem>> ListInstruments(
        string? assetClass, MarketDataDbContext db, CancellationToken ct)
    {
        var query = db.Instruments.AsNoTracking();
        if (assetClass is not null)
        {
            var normalized = assetClass.ToLowerInvariant();
            if (!AssetClasses.All.Contains(normalized))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["assetClass"] = [$"Asset class must be one of: {string.Join(", ", AssetClasses.All)}."],
                });
            }

            query = query.Where(i => i.AssetClass == normalized);
        }

        return TypedResults.Ok(await query.OrderBy(i => i.Symbol).ToListAsync(ct));
    }

    public static async Task<Results<Ok<Instrument>, ProblemHttpResult>> GetInstrument(
        string symbol, MarketDataDbContext db, CancellationToken ct)
    {
        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Symbol == symbol.ToUpperInvariant(), ct);
        return instrument is null
            ? Problems.NotFound($"No instrument {symbol.ToUpperInvariant()} is registered.")
            : TypedResults.Ok(instrument);
    }

    public static async Task<Results<Created<Instrument>, ValidationProblem, ProblemHttpResult>> RegisterInstrument(
        RegisterInstrument request, MarketDataDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = request.Validate(time);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var instrument = request.ToInstrument(time.GetUtcNow(), time);
        if (await db.Instruments.AnyAsync(i => i.Symbol == instrument.Symbol, ct))
        {
            return Problems.Conflict($"Instrument {instrument.Symbol} is already registered.");
        }

        db.Instruments.Add(instrument);
        db.AddIntegrationEvent(instrument.ToRegisteredEvent());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict($"Instrument {instrument.Symbol} is already registered.");
        }

        return TypedResults.Created($"/api/market/instruments/{instrument.Symbol}", instrument);
    }

    /// <summary>
    /// Replaces the terms of an instrument (the body is the same as for registration; the symbol comes from the route,
    /// and the asset class cannot change — delete and register again for that).
    /// </summary>
    public static async Task<Results<Ok<Instrument>, ValidationProblem, ProblemHttpResult>> UpdateInstrument(
        string symbol, RegisterInstrument request, MarketDataDbContext db, TimeProvider time, CancellationToken ct)
    {
        symbol = symbol.Trim().ToUpperInvariant();
        if (request.Symbol is not null && !string.Equals(request.Symbol.Replace(" ", ""), symbol, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["symbol"] = [$"The body's symbol {request.Symbol} differs from the route's {symbol}; a symbol cannot be renamed."],
            });
        }

        var existing = await db.Instruments.SingleOrDefaultAsync(i => i.Symbol == symbol, ct);
        if (existing is null)
        {
            return Problems.NotFound($"No instrument {symbol} is registered.");
        }

        if (request.AssetClass is not null && !string.Equals(request.AssetClass, existing.AssetClass, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Conflict($"{symbol} is an {existing.AssetClass}; an asset class cannot change. Delete and register it again.",
                "asset_class_immutable");
        }

        var full = request with { Symbol = symbol, AssetClass = existing.AssetClass };
        var errors = full.Validate(time);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var terms = full.ToInstrument(now, time);
        existing.Multiplier = terms.Multiplier;
        existing.TickSize = terms.TickSize;
        existing.Currency = terms.Currency;
        existing.Exchange = terms.Exchange;
        existing.Underlying = terms.Underlying;
        existing.Expiry = terms.Expiry;
        existing.Strike = terms.Strike;
        existing.Right = terms.Right;
        existing.UpdatedAt = now;
        db.AddIntegrationEvent(existing.ToUpdatedEvent(now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(existing);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteInstrument(
        string symbol, MarketDataDbContext db, TimeProvider time, CancellationToken ct)
    {
        symbol = symbol.Trim().ToUpperInvariant();
        var existing = await db.Instruments.SingleOrDefaultAsync(i => i.Symbol == symbol, ct);
        if (existing is null)
        {
            return Problems.NotFound($"No instrument {symbol} is registered.");
        }

        var dependents = await db.Instruments.Where(i => i.Underlying == symbol).OrderBy(i => i.Symbol).Select(i => i.Symbol).Take(5).ToListAsync(ct);
        if (dependents.Count > 0)
        {
            return Problems.Conflict($"{symbol} is the underlying of {string.Join(", ", dependents)}; delete those first.", "instrument_has_dependents");
        }

        db.Instruments.Remove(existing);
        db.AddIntegrationEvent(new InstrumentRemoved(existing.Symbol, existing.AssetClass, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public sealed record QuoteView(Quote Quote, double AgeSeconds, bool Stale);

    public static async Task<Results<Ok<QuoteView>, ProblemHttpResult>> GetQuote(
        string symbol, QuoteStore quotes, TimeProvider time, IOptions<QuoteOptions> options)
    {
        var quote = await quotes.GetAsync(symbol);
        if (quote is null)
        {
            return Problems.NotFound($"No quote for {symbol.ToUpperInvariant()} yet.");
        }

        var age = time.GetUtcNow() - quote.Time;
        return TypedResults.Ok(new QuoteView(quote, age.TotalSeconds, age > options.Value.StaleAfter));
    }

    public sealed record PutQuoteRequest(decimal Bid, decimal Ask, decimal? Last, long? BidSize, long? AskSize, DateTimeOffset? Time);

    public static async Task<Results<Ok<Quote>, ValidationProblem>> PutQuote(
        string symbol, PutQuoteRequest request, QuoteStore quotes, Bars.LiveBars bars, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Bid <= 0)
        {
            errors["bid"] = ["The bid must be positive."];
        }

        if (request.Ask < request.Bid)
        {
            errors["ask"] = ["The ask must not be below the bid."];
        }

        if (request.Last is <= 0)
        {
            errors["last"] = ["The last price must be positive."];
        }

        if (request.BidSize is < 0 || request.AskSize is < 0)
        {
            errors[request.BidSize is < 0 ? "bidSize" : "askSize"] = ["Sizes cannot be negative."];
        }

        if (string.IsNullOrWhiteSpace(symbol) || symbol.Length > 32)
        {
            errors["symbol"] = ["A symbol of 1 to 32 characters is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var quote = new Quote(symbol.ToUpperInvariant(), request.Bid, request.Ask, request.Last,
            request.BidSize ?? 0, request.AskSize ?? 0, (request.Time ?? time.GetUtcNow()).ToUniversalTime());
        await quotes.PutAsync(quote);
        // External quotes build live bars too (from the last price, else the mid); they carry no volume.
        bars.Add(quote.Symbol, quote.Time, quote.Last ?? quote.Mid, 0);
        return TypedResults.Ok(quote);
    }
}
