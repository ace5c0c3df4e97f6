using System.Net.Http.Json;
using AqTrading.Contracts.Risk;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Lifecycle;

public sealed record CancelledOrder(Guid OrderId, string Symbol, string Outcome);

public sealed record FlattenOrder(Guid? OrderId, string Symbol, string? StrategyId, string Side, decimal Quantity, string Status, string? RejectCode);

/// <summary>
/// The orders service's part of the kill switch: cancel every working order, then close every position with market
/// orders that risk lets through the halt (and through nothing else) because they only reduce.
/// </summary>
public sealed class KillSwitchActions(OrdersDbContext db, OrderCancellation cancellation, OrderSubmission submission,
    IHttpClientFactory httpClients)
{
    public const string PortfolioClientName = "portfolio";

    private static readonly OrderStatus[] Working =
        [OrderStatus.Pending, OrderStatus.Submitted, OrderStatus.PartiallyFilled, OrderStatus.CancelRequested];

    public async Task<IReadOnlyList<CancelledOrder>> CancelAllAsync(string? accountId, CancellationToken ct)
    {
        var query = db.Orders.AsNoTracking().Where(o => Working.Contains(o.Status));
        if (accountId is not null)
        {
            query = query.Where(o => o.AccountId == accountId);
        }

        var results = new List<CancelledOrder>();
        foreach (var order in await query.Select(o => new { o.Id, o.Symbol }).ToListAsync(ct))
        {
            var (_, result) = await cancellation.CancelAsync(order.Id, ct);
            results.Add(new CancelledOrder(order.Id, order.Symbol, result?.Outcome.ToString().ToLowerInvariant() ?? "not_found"));
        }

        return results;
    }

    private sealed record PortfolioPosition(string Symbol, string? StrategyId, string AssetType, decimal Multiplier, decimal Quantity);

    public async Task<IReadOnlyList<FlattenOrder>> FlattenAsync(string accountId, CancellationToken ct)
    {
        var portfolio = httpClients.CreateClient(PortfolioClientName);
        var positions = await portfolio.GetFromJsonAsync<List<PortfolioPosition>>(
            $"/api/portfolio/accounts/{Uri.EscapeDataString(accountId)}/positions", ct) ?? [];
        var results = new List<FlattenOrder>();
        foreach (var position in positions.Where(p => p.Quantity != 0))
        {
            var side = position.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy;
            var request = new SubmitOrderRequest(accountId, position.StrategyId, position.Symbol, side, OrderType.Market, TimeInForce.Day,
                Math.Abs(position.Quantity), null, null, position.AssetType.ToLowerInvariant(), position.Multiplier);
            var outcome = await submission.SubmitAsync(request, idempotencyKey: null, ct, RiskCheckRequest.FlattenPurpose);
            var order = outcome.Order;
            results.Add(new FlattenOrder(order?.Id, position.Symbol, position.StrategyId, side == OrderSide.Buy ? "buy" : "sell",
                Math.Abs(position.Quantity), order is null ? "invalid" : BrokerEventBooking.StatusName(order.Status), order?.RejectCode));
        }

        return results;
    }
}
