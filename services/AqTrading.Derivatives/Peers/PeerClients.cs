using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AqTrading.Derivatives.Peers;

/// <summary>A position as the portfolio reports it (signed quantity).</summary>
public sealed record HeldPosition(string AccountId, string Symbol, string? StrategyId, string AssetType, decimal Multiplier, decimal Quantity);

/// <summary>What a peer call produced: ok, or a sentence saying why not.</summary>
public sealed record PeerResult(bool Ok, string? Error, JsonElement? Body = null);

/// <summary>The portfolio service: positions, and bookings that are not market trades (exercise, assignment, expiry).</summary>
public sealed class PortfolioClient(HttpClient http)
{
    public const string Name = "portfolio";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>The account's positions, or null when the account is unknown.</returns>
    public async Task<IReadOnlyList<HeldPosition>?> PositionsAsync(string accountId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/portfolio/accounts/{Uri.EscapeDataString(accountId)}/positions", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<HeldPosition>>(Json, ct) ?? [];
    }

    public async Task<PeerResult> BookAsync(object booking, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/api/portfolio/bookings", booking, Json, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return response.IsSuccessStatusCode
                ? new PeerResult(true, null, JsonDocument.Parse(body).RootElement.Clone())
                : new PeerResult(false, $"The portfolio refused the booking ({(int)response.StatusCode}): {body}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new PeerResult(false, $"The portfolio could not be reached: {e.Message}");
        }
    }
}

/// <summary>An order the orders service answered for.</summary>
public sealed record SubmittedOrder(Guid? OrderId, string Status, string? RejectCode, string? Error);

/// <summary>The orders service: every roll order goes through it (and so through risk) like any other order.</summary>
public sealed class OrdersClient(HttpClient http)
{
    public const string Name = "orders";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SubmittedOrder> SubmitMarketAsync(string accountId, string? strategyId, string symbol, string side, decimal quantity,
        string assetClass, decimal multiplier, string idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                accountId, strategyId, symbol, side, type = "market", timeInForce = "day", quantity, assetClass, multiplier,
            }, options: Json),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            {
                return new SubmittedOrder(null, "send_failed", null, $"The orders service answered {(int)response.StatusCode}: {body}");
            }

            using var order = JsonDocument.Parse(body);
            var root = order.RootElement;
            return new SubmittedOrder(root.GetProperty("id").GetGuid(), root.GetProperty("status").GetString() ?? "unknown",
                root.TryGetProperty("rejectCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null, null);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new SubmittedOrder(null, "send_failed", null, $"The orders service could not be reached: {e.Message}");
        }
    }
}
