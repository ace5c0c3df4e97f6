using AqTrading.Derivatives.Calculator;
using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Data;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Derivatives;

public static class DerivativesApi
{
    public static WebApplication MapDerivativesApi(this WebApplication app)
    {
        app.MapServicePlatform<DerivativesDbContext>();
        var api = app.MapGroup("/api/derivatives").WithTags("Derivatives");
        api.MapGet("/contracts", ListContracts).WithSummary("Tracked option and futures contracts, soonest expiry first.");
        api.MapGet("/contracts/{symbol}", GetContract).WithSummary("One tracked contract.");
        api.MapPost("/calculator", Calculate)
            .WithSummary("Price and Greeks of one option (bsm, black76, american), from a volatility or by solving implied volatility from a price.");
        return app;
    }

    public static Results<Ok<CalculatorResult>, ValidationProblem> Calculate(CalculatorRequest request)
    {
        var (result, errors) = OptionCalculator.Calculate(request);
        return result is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(result);
    }

    public static async Task<Ok<List<DerivativeContract>>> ListContracts(string? underlying, DerivativesDbContext db, CancellationToken ct)
    {
        var query = db.Contracts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(underlying))
        {
            query = query.Where(c => c.Underlying == underlying.ToUpperInvariant());
        }

        return TypedResults.Ok(await query.OrderBy(c => c.Expiry).ThenBy(c => c.Symbol).ToListAsync(ct));
    }

    public static async Task<Results<Ok<DerivativeContract>, ProblemHttpResult>> GetContract(
        string symbol, DerivativesDbContext db, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.Symbol == symbol.ToUpperInvariant(), ct);
        return contract is null
            ? Problems.NotFound($"No contract {symbol.ToUpperInvariant()} is tracked.")
            : TypedResults.Ok(contract);
    }
}
