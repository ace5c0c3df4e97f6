using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Strategies.Engine;

namespace AqTrading.Strategies.Running;

/// <summary>The order a signal became, as the orders service answered.</summary>
/// <param name="Error">Set when the orders service refused the request or could not be reached (no order exists).</param>
public sealed record SubmittedOrder(Guid? OrderId, string Status, string? RejectCode, string? Error);

/// <summary>
/// Turns signals into orders through the orders service. The Idempotency-Key is derived from the signal id and set on
/// the request message, which the standard resilience handler re-sends as is: every retry carries the same key, so the
/// orders service answers a repeat with the first order instead of placing a second.
/// </summary>
public sealed class OrdersClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string IdempotencyKey(Guid signalId) => $"signal-{signalId:N}";

    public async Task<SubmittedOrder> SubmitAsync(Signal signal, string accountId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                accountId,
                strategyId = signal.StrategyId,
                symbol = signal.Symbol,
                side = signal.Side == SignalSide.Buy ? "buy" : "sell",
                type = signal.OrderType switch
                {
                    SignalOrderType.Limit => "limit",
                    SignalOrderType.Stop => "stop",
                    SignalOrderType.StopLimit => "stop_limit",
                    _ => "market",
                },
                timeInForce = "day",
                quantity = signal.Quantity,
                limitPrice = signal.LimitPrice,
                stopPrice = signal.StopPrice,
            }, options: Json),
        };
        request.Headers.Add("Idempotency-Key", IdempotencyKey(signal.Id));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested)
                                      || e is Polly.ExecutionRejectedException)
        {
            return new SubmittedOrder(null, Signals.SignalOrderStatus.SendFailed, null, $"The orders service could not be reached: {e.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                using var order = JsonDocument.Parse(body);
                var root = order.RootElement;
                return new SubmittedOrder(root.GetProperty("id").GetGuid(), root.GetProperty("status").GetString() ?? "unknown",
                    root.TryGetProperty("rejectCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null, null);
            }

            var status = (int)response.StatusCode is >= 400 and < 500 ? Signals.SignalOrderStatus.Invalid : Signals.SignalOrderStatus.SendFailed;
            return new SubmittedOrder(null, status, null, $"The orders service answered {(int)response.StatusCode}: {Truncate(body, 1500)}");
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
