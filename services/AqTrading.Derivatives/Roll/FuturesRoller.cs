using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Data;
using AqTrading.Derivatives.Peers;
using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Derivatives.Pricing.Futures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Derivatives.Roll;

/// <summary>An order a roll sent, with what the orders service said.</summary>
public sealed record RollOrder(string Symbol, string Side, decimal Quantity, string Purpose, string IdempotencyKey, Guid? OrderId, string Status,
    string? RejectCode, string? Error);

public sealed record RollExecution(RollPlan Plan, IReadOnlyList<RollOrder> Orders);

/// <summary>
/// Plans (from the account's futures positions in the portfolio, the tracked contracts' expiries and the per-root
/// rules) and executes rolls: each leg is a market order through <c>POST /api/orders</c> — so through risk and the
/// broker like any order — with an Idempotency-Key derived from the account, contract, roll date and leg, so executing
/// twice sends nothing twice.
/// </summary>
public sealed class FuturesRoller(DerivativesDbContext db, PortfolioClient portfolio, OrdersClient orders, IOptions<DerivativesOptions> options, TimeProvider time)
{
    public DateOnly Today => ExpiryWindow.NewYorkDate(time.GetUtcNow());

    /// <returns>The plans, or null when the account is unknown to the portfolio.</returns>
    /// <param name="asOf">The New York date to plan as of (default today): what a test clock or a what-if preview passes.</param>
    public async Task<IReadOnlyList<RollPlan>?> PlanAsync(string accountId, DateOnly? asOf, CancellationToken ct)
    {
        var positions = await portfolio.PositionsAsync(accountId, ct);
        if (positions is null)
        {
            return null;
        }

        var futures = positions.Where(p => p.AssetType == "future").ToList();
        var symbols = futures.Select(p => p.Symbol).ToList();
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.ContractType == "future" && symbols.Contains(c.Symbol)).ToDictionaryAsync(c => c.Symbol, ct);
        var roll = options.Value.Roll;
        return RollPlanner.Plan(
            futures.Where(p => contracts.ContainsKey(p.Symbol)).Select(p =>
            {
                var contract = contracts[p.Symbol];
                return new FuturesPosition(p.AccountId, p.StrategyId, p.Symbol, contract.Underlying, contract.Expiry, p.Quantity, p.Multiplier);
            }),
            asOf ?? Today, roll.Rules(), roll.Default.ToRule(), roll.Cycles);
    }

    /// <summary>
    /// Executes the due plans (or those of <paramref name="symbols"/>, due or not). Close-open sends the opening leg
    /// only when the close was accepted; a calendar spread sends both legs.
    /// </summary>
    public async Task<IReadOnlyList<RollExecution>?> ExecuteAsync(string accountId, IReadOnlyCollection<string>? symbols, DateOnly? asOf, CancellationToken ct)
    {
        var plans = await PlanAsync(accountId, asOf, ct);
        if (plans is null)
        {
            return null;
        }

        var chosen = symbols is { Count: > 0 }
            ? plans.Where(p => symbols.Contains(p.FromSymbol, StringComparer.OrdinalIgnoreCase))
            : plans.Where(p => p.Due);
        var executions = new List<RollExecution>();
        foreach (var plan in chosen)
        {
            var sent = new List<RollOrder>();
            foreach (var leg in plan.Legs)
            {
                if (leg.Purpose == "open" && plan.Strategy == RollStrategy.CloseOpen && sent.Any(o => o.Status is "rejected" or "send_failed"))
                {
                    sent.Add(new RollOrder(leg.Symbol, leg.Side, leg.Quantity, leg.Purpose, "", null, "not_sent", null,
                        "The close was not accepted, so the new contract was not opened."));
                    continue;
                }

                var key = $"roll:{plan.AccountId}:{plan.StrategyId ?? "-"}:{plan.FromSymbol}:{plan.RollDate:yyyyMMdd}:{leg.Purpose}";
                var order = await orders.SubmitMarketAsync(plan.AccountId, plan.StrategyId, leg.Symbol, leg.Side, leg.Quantity, "future",
                    plan.Multiplier, key, ct);
                sent.Add(new RollOrder(leg.Symbol, leg.Side, leg.Quantity, leg.Purpose, key, order.OrderId, order.Status, order.RejectCode, order.Error));
            }

            executions.Add(new RollExecution(plan, sent));
        }

        return executions;
    }
}
