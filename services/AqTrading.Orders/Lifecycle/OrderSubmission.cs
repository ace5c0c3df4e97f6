using AqTrading.Contracts.Orders;
using AqTrading.Contracts.Risk;
using AqTrading.Orders.Brokers;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using AqTrading.Orders.Risk;
using AqTrading.ServicePlatform.Outbox;
using AqTrading.ServicePlatform.Persistence;
using AqTrading.ServicePlatform.Quotes;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Lifecycle;

/// <summary>The body of <c>POST /api/orders</c>.</summary>
public sealed record SubmitOrderRequest(
    string? AccountId, string? StrategyId, string? Symbol, OrderSide Side, OrderType Type, TimeInForce TimeInForce,
    decimal Quantity, decimal? LimitPrice, decimal? StopPrice, string? AssetClass, decimal? Multiplier);

/// <summary>What a submit produced: the order, and whether it is the first answer to its idempotency key.</summary>
public sealed record SubmitOutcome(Order? Order, bool Replayed, Dictionary<string, string[]>? Errors);

/// <summary>
/// Submit: validate → persist PENDING (the idempotency key is unique per account) → ask risk (fail closed) →
/// hand to the broker → SUBMITTED, or REJECTED with a stable reason code. The order exists in the database before
/// any broker sees it.
/// </summary>
public sealed partial class OrderSubmission(OrdersDbContext db, RiskClient risk, IBrokerAdapter broker, QuoteReader quotes,
    TimeProvider time, ILogger<OrderSubmission> logger)
{
    /// <param name="purpose">Null for ordinary orders; <see cref="RiskCheckRequest.FlattenPurpose"/> for the kill switch's closes.</param>
    /// <param name="closeRequestId">The close request the order works for, if any.</param>
    /// <param name="orderId">The id to give the order (a close request records it before the order exists).</param>
    public async Task<SubmitOutcome> SubmitAsync(SubmitOrderRequest request, string? idempotencyKey, CancellationToken ct,
        string? purpose = null, Guid? closeRequestId = null, Guid? orderId = null)
    {
        var errors = Validate(request, idempotencyKey, out var terms);
        if (errors.Count > 0)
        {
            return new SubmitOutcome(null, false, errors);
        }

        var accountId = request.AccountId!.Trim();
        if (idempotencyKey is not null && await FindByKeyAsync(accountId, idempotencyKey, ct) is { } existing)
        {
            return new SubmitOutcome(existing, Replayed: true, null);
        }

        var now = time.GetUtcNow();
        var order = new Order
        {
            Id = orderId ?? Guid.CreateVersion7(now), AccountId = accountId, StrategyId = request.StrategyId, Symbol = terms.Symbol,
            Side = terms.Side, Type = terms.Type, TimeInForce = terms.TimeInForce, Quantity = terms.Quantity,
            LimitPrice = terms.LimitPrice, StopPrice = terms.StopPrice, AssetClass = request.AssetClass?.ToLowerInvariant() ?? "equity",
            Multiplier = request.Multiplier ?? (request.AssetClass?.ToLowerInvariant() == "option" ? 100m : 1m),
            Status = OrderStatus.Pending, IdempotencyKey = idempotencyKey, CloseRequestId = closeRequestId, CreatedAt = now, UpdatedAt = now,
        };
        order.Transitions.Add(new OrderTransition { OrderId = order.Id, From = OrderStatus.Pending, To = OrderStatus.Pending, Reason = "received", At = now });
        db.Orders.Add(order);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation("orders") && idempotencyKey is not null)
        {
            // A concurrent submit with the same key won: answer with its order.
            db.ChangeTracker.Clear();
            return new SubmitOutcome(await FindByKeyAsync(accountId, idempotencyKey, ct), Replayed: true, null);
        }

        return new SubmitOutcome(await DecideAndRouteAsync(order, purpose, ct), Replayed: false, null);
    }

    private async Task<Order> DecideAndRouteAsync(Order order, string? purpose, CancellationToken ct)
    {
        var price = await ReferencePriceAsync(order);
        if (price is null)
        {
            await RejectAsync(order, "no_market_data", $"There is no quote for {order.Symbol}, so a market order cannot be priced.", ct);
            return order;
        }

        RiskCheckResponse decision;
        try
        {
            decision = await risk.CheckAsync(new RiskCheckRequest(order.Id, order.AccountId, order.StrategyId, order.Symbol,
                order.Side == OrderSide.Buy ? "buy" : "sell", order.Quantity, price.Value, order.Multiplier, purpose), ct);
        }
        catch (RiskUnavailableException e)
        {
            LogRiskUnavailable(order.Id, e.Message);
            await RejectAsync(order, "risk_unavailable", "Risk could not be reached in time; the order was not sent (fail closed).", ct);
            return order;
        }

        if (!decision.Approved)
        {
            await RejectAsync(order, decision.ReasonCode ?? "risk_rejected", decision.Message ?? "Rejected by risk.", ct);
            return order;
        }

        string brokerOrderId;
        try
        {
            brokerOrderId = await broker.SubmitAsync(new BrokerOrder(order.Id, order.AccountId, order.Symbol, order.Side,
                order.Type, order.TimeInForce, order.Quantity, order.LimitPrice, order.StopPrice, order.Multiplier), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RejectAsync(order, "broker_rejected", $"The broker refused the order: {e.Message}", ct);
            return order;
        }

        // The broker may already be reporting fills for this order: re-read it under the row lock so its own updates
        // are never overwritten, then record the broker id and (monotonically) SUBMITTED.
        return await db.InTransactionAsync(async token =>
        {
            var fresh = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {order.Id} FOR UPDATE")
                .Include(o => o.Fills).SingleAsync(token);
            fresh.BrokerOrderId = brokerOrderId;
            var state = fresh.ToState();
            if (state.ApplyBrokerStatus(OrderStatus.Submitted, sequence: null))
            {
                fresh.Apply(state, "sent to broker", time.GetUtcNow());
            }

            await db.SaveChangesAsync(token);
            return fresh;
        }, ct);
    }

    private async Task RejectAsync(Order order, string code, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        order.Reject(code, message, now);
        db.AddIntegrationEvent(new OrderCompleted(order.Id, order.AccountId, order.Symbol, "rejected", 0m, code, now));
        await Close.CloseProgress.OrderFinishedAsync(db, order, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Exposure is measured at the limit price, or for market and stop orders at the side of the quote they would hit.</summary>
    private async Task<decimal?> ReferencePriceAsync(Order order)
    {
        if (order.Type is OrderType.Limit or OrderType.StopLimit)
        {
            return order.LimitPrice;
        }

        try
        {
            var quote = await quotes.LatestQuoteAsync(order.Symbol);
            if (quote is null)
            {
                return order.Type == OrderType.Stop ? order.StopPrice : null;
            }

            return order.Side == OrderSide.Buy ? quote.Ask : quote.Bid;
        }
        catch (StackExchange.Redis.RedisException)
        {
            return order.Type == OrderType.Stop ? order.StopPrice : null;
        }
    }

    private Task<Order?> FindByKeyAsync(string accountId, string key, CancellationToken ct) =>
        db.Orders.AsNoTracking().Include(o => o.Fills).SingleOrDefaultAsync(o => o.AccountId == accountId && o.IdempotencyKey == key, ct);

    private static Dictionary<string, string[]> Validate(SubmitOrderRequest request, string? idempotencyKey, out OrderTerms terms)
    {
        terms = new OrderTerms(request.Symbol ?? "", request.Side, request.Type, request.TimeInForce, request.Quantity,
            request.LimitPrice, request.StopPrice).Normalize();
        var errors = OrderTerms.Validate(terms);
        if (string.IsNullOrWhiteSpace(request.AccountId) || request.AccountId.Length > 64)
        {
            errors["accountId"] = ["An account id of 1 to 64 characters is required."];
        }

        if (request.StrategyId is { Length: > 64 })
        {
            errors["strategyId"] = ["A strategy id is at most 64 characters."];
        }

        if (request.AssetClass is not null && request.AssetClass.ToLowerInvariant() is not ("equity" or "option" or "future"))
        {
            errors["assetClass"] = ["Asset class must be equity, option or future."];
        }

        if (request.Multiplier is <= 0)
        {
            errors["multiplier"] = ["The multiplier must be positive."];
        }

        if (request.AssetClass?.ToLowerInvariant() == "future" && request.Multiplier is null)
        {
            errors["multiplier"] = ["A futures order needs the contract multiplier."];
        }

        if (idempotencyKey is { Length: 0 or > 128 })
        {
            errors["Idempotency-Key"] = ["The Idempotency-Key header must be 1 to 128 characters."];
        }

        return errors;
    }

    [LoggerMessage(LogLevel.Warning, "Order {OrderId} rejected: risk unavailable ({Reason})")]
    private partial void LogRiskUnavailable(Guid orderId, string reason);
}
