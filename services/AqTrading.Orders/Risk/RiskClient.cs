using System.Net.Http.Json;
using AqTrading.Contracts.Risk;

namespace AqTrading.Orders.Risk;

/// <summary>Risk could not answer within its budget: the order is rejected (fail closed).</summary>
public sealed class RiskUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Asks the risk service for a decision. The HTTP client has a tight budget (Orders:Risk:AttemptTimeout, default
/// 250 ms, one retry) instead of the platform's generous defaults, because a slow check must not hold an order.
/// </summary>
public sealed class RiskClient(HttpClient http)
{
    public async Task<RiskCheckResponse> CheckAsync(RiskCheckRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/api/risk/check", request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new RiskUnavailableException($"Risk answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return await response.Content.ReadFromJsonAsync<RiskCheckResponse>(cancellationToken)
                ?? throw new RiskUnavailableException("Risk answered with an empty body.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException
                                      or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new RiskUnavailableException($"Risk could not be reached in time: {e.Message}", e);
        }
    }
}
