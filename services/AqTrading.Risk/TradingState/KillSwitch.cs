using System.Net.Http.Json;
using AqTrading.Risk.Rules;
using AqTrading.ServicePlatform.Outbox;

namespace AqTrading.Risk.TradingState;

public sealed record KillSwitchRequest(string? Reason, bool? Flatten);

public sealed record KillSwitchActionsExecuted(bool Halted, int OrdersCancelled, IReadOnlyList<object> Cancelled, IReadOnlyList<object> FlattenOrders);

public sealed record KillSwitchReport(TradingStatus State, KillSwitchActionsExecuted ActionsExecuted, IReadOnlyList<string> Errors,
    DateTimeOffset Timestamp);

/// <summary>
/// One click to stop everything: HALTED first (no new order passes from this moment), then every working order
/// cancelled, then — unless asked not to — every position of every account closed with market orders that pass the
/// halt because they only reduce. Each step's failure is reported, never hidden, and never undoes the halt.
/// </summary>
public sealed class KillSwitch(TradingStateStore store, IHttpClientFactory httpClients, Data.RiskDbContext db, TimeProvider time)
{
    public const string OrdersClientName = "orders";
    public const string PortfolioClientName = "portfolio";

    private sealed record AccountId(string Id);

    public async Task<KillSwitchReport> EngageAsync(string by, string reason, bool flatten, CancellationToken ct)
    {
        var halt = await store.ChangeAsync((s, now) => TradingStateMachine.Halt(s, by, reason, now), ct);
        var errors = new List<string>();
        var orders = httpClients.CreateClient(OrdersClientName);

        IReadOnlyList<object> cancelled = [];
        try
        {
            using var response = await orders.PostAsJsonAsync("/api/orders/cancel-all", new { }, ct);
            response.EnsureSuccessStatusCode();
            cancelled = await response.Content.ReadFromJsonAsync<List<object>>(ct) ?? [];
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            errors.Add($"Cancelling working orders failed: {e.Message}");
        }

        var flattenOrders = new List<object>();
        if (flatten)
        {
            try
            {
                var accounts = await httpClients.CreateClient(PortfolioClientName)
                    .GetFromJsonAsync<List<AccountId>>("/api/portfolio/accounts", ct) ?? [];
                foreach (var account in accounts)
                {
                    using var response = await orders.PostAsJsonAsync("/api/orders/flatten", new { accountId = account.Id }, ct);
                    response.EnsureSuccessStatusCode();
                    flattenOrders.AddRange(await response.Content.ReadFromJsonAsync<List<object>>(ct) ?? []);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                errors.Add($"Flattening positions failed: {e.Message}");
            }
        }

        // Announced (outbox) for the audit trail and alerts, with what it did.
        db.AddIntegrationEvent(new Contracts.Operations.KillSwitchEngaged(by, reason, flatten, cancelled.Count, flattenOrders.Count, errors,
            time.GetUtcNow()));
        await db.SaveChangesAsync(CancellationToken.None);
        return new KillSwitchReport(halt.Status, new KillSwitchActionsExecuted(true, cancelled.Count, cancelled, flattenOrders),
            errors, halt.Status.Since);
    }
}
