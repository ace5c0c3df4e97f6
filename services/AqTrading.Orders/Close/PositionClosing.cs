using System.Net;
using System.Net.Http.Json;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using AqTrading.Orders.Lifecycle;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Close;

public sealed record ClosePositionRequest(string? AccountId, string? StrategyId);

public enum CloseOutcomeKind { Created, Replayed, Invalid, NoPosition, AlreadyClosing, PortfolioUnavailable }

public sealed record CloseOutcome(CloseOutcomeKind Kind, CloseRequest? Request = null, string? Detail = null,
    Dictionary<string, string[]>? Errors = null);

/// <summary>
/// Closes a whole position: the portfolio says how much is held, a close request is stored (one working per
/// position — the database refuses a second), and a market order is sent; what a partial fill leaves is retried by
/// <see cref="CloseRetryWorker"/>.
/// </summary>
public sealed class PositionClosing(OrdersDbContext db, OrderSubmission submission, IHttpClientFactory httpClients, TimeProvider time)
{
    private sealed record PortfolioPosition(string Symbol, string? StrategyId, string AssetType, decimal Multiplier, decimal Quantity);

    public async Task<CloseOutcome> CloseAsync(string symbol, ClosePositionRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 128)
        {
            errors["Idempotency-Key"] = ["An Idempotency-Key header of 1 to 128 characters is required to close a position."];
        }

        if (string.IsNullOrWhiteSpace(request.AccountId))
        {
            errors["accountId"] = ["The account whose position to close is required."];
        }

        if (errors.Count > 0)
        {
            return new CloseOutcome(CloseOutcomeKind.Invalid, Errors: errors);
        }

        var accountId = request.AccountId!;
        symbol = symbol.Trim().ToUpperInvariant();
        if (await db.CloseRequests.AsNoTracking().SingleOrDefaultAsync(c => c.AccountId == accountId && c.IdempotencyKey == idempotencyKey, ct)
            is { } replay)
        {
            return new CloseOutcome(CloseOutcomeKind.Replayed, replay);
        }

        if (await ActiveAsync(accountId, symbol, request.StrategyId, ct) is { } active)
        {
            return new CloseOutcome(CloseOutcomeKind.AlreadyClosing, active, $"A close of this position is already working ({active.Id}).");
        }

        List<PortfolioPosition> positions;
        try
        {
            using var response = await httpClients.CreateClient(KillSwitchActions.PortfolioClientName)
                .GetAsync($"/api/portfolio/accounts/{Uri.EscapeDataString(accountId)}/positions/{Uri.EscapeDataString(symbol)}", ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new CloseOutcome(CloseOutcomeKind.NoPosition, Detail: $"Account {accountId} holds no {symbol}.");
            }

            response.EnsureSuccessStatusCode();
            positions = await response.Content.ReadFromJsonAsync<List<PortfolioPosition>>(ct) ?? [];
        }
        catch (HttpRequestException e)
        {
            return new CloseOutcome(CloseOutcomeKind.PortfolioUnavailable, Detail: $"The portfolio could not be asked for the position: {e.Message}");
        }

        var position = positions.SingleOrDefault(p => p.StrategyId == request.StrategyId && p.Quantity != 0);
        if (position is null)
        {
            return new CloseOutcome(CloseOutcomeKind.NoPosition,
                Detail: $"Account {accountId} holds no {symbol} for strategy {request.StrategyId ?? "(manual)"}.");
        }

        var now = time.GetUtcNow();
        var close = new CloseRequest
        {
            Id = Guid.CreateVersion7(now), AccountId = accountId, Symbol = symbol, StrategyId = request.StrategyId,
            IdempotencyKey = idempotencyKey!, Side = position.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy,
            AssetClass = position.AssetType.ToLowerInvariant(), Multiplier = position.Multiplier,
            TargetQuantity = Math.Abs(position.Quantity), Status = CloseStatus.Working, CreatedAt = now, UpdatedAt = now,
        };
        db.CloseRequests.Add(close);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation("close_requests"))
        {
            db.ChangeTracker.Clear();
            var winner = await db.CloseRequests.AsNoTracking().SingleOrDefaultAsync(c => c.AccountId == accountId && c.IdempotencyKey == idempotencyKey, ct);
            return winner is not null
                ? new CloseOutcome(CloseOutcomeKind.Replayed, winner)
                : new CloseOutcome(CloseOutcomeKind.AlreadyClosing, await ActiveAsync(accountId, symbol, request.StrategyId, ct),
                    "A close of this position is already working.");
        }

        await SendOrderAsync(close, ct);
        return new CloseOutcome(CloseOutcomeKind.Created, await db.CloseRequests.AsNoTracking().SingleAsync(c => c.Id == close.Id, ct));
    }

    /// <summary>
    /// Sends a market order for what is left to close, recording it as the request's current order first (so an
    /// immediate rejection already finds it). <paramref name="close"/> must be tracked by this service's context.
    /// </summary>
    public async Task SendOrderAsync(CloseRequest close, CancellationToken ct)
    {
        var orderId = Guid.CreateVersion7(time.GetUtcNow());
        close.CurrentOrderId = orderId;
        close.Status = CloseStatus.Working;
        close.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await submission.SubmitAsync(new SubmitOrderRequest(close.AccountId, close.StrategyId, close.Symbol, close.Side, OrderType.Market,
            TimeInForce.Day, close.RemainingQuantity, null, null, close.AssetClass, close.Multiplier), idempotencyKey: null, ct,
            closeRequestId: close.Id, orderId: orderId);
    }

    private Task<CloseRequest?> ActiveAsync(string accountId, string symbol, string? strategyId, CancellationToken ct) =>
        db.CloseRequests.AsNoTracking().SingleOrDefaultAsync(c => c.AccountId == accountId && c.Symbol == symbol
            && c.StrategyId == strategyId && (c.Status == CloseStatus.Working || c.Status == CloseStatus.Retryable), ct);
}

/// <summary>Sends the next order for close requests a partial fill left open (retries are bounded by the request).</summary>
public sealed class CloseRetryWorker(IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
                var closing = scope.ServiceProvider.GetRequiredService<PositionClosing>();
                foreach (var id in await db.CloseRequests.Where(c => c.Status == CloseStatus.Retryable).Select(c => c.Id).ToListAsync(stoppingToken))
                {
                    // Claim it atomically: with several replicas, only the one whose update matched sends the retry.
                    var claimed = await db.CloseRequests.Where(c => c.Id == id && c.Status == CloseStatus.Retryable)
                        .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CloseStatus.Working)
                            .SetProperty(c => c.RetryCount, c => c.RetryCount + 1), stoppingToken);
                    if (claimed == 1)
                    {
                        await closing.SendOrderAsync(await db.CloseRequests.SingleAsync(c => c.Id == id, stoppingToken), stoppingToken);
                    }
                }
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again.
            }
        }
    }
}
