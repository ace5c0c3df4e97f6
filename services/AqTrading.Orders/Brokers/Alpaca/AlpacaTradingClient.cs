using System.Net;
using System.Net.Http.Json;

namespace AqTrading.Orders.Brokers.Alpaca;

/// <summary>
/// The Trading API's REST endpoints for one account: orders, positions, account. Every request carries the
/// account's APCA-API-KEY-ID / APCA-API-SECRET-KEY headers; 429 and 5xx answers are retried by the "alpaca" HTTP
/// client's resilience pipeline (see <see cref="AlpacaRegistration"/>) before they reach this class.
/// </summary>
public sealed class AlpacaTradingClient(HttpClient http, Uri baseUri, string keyId, string secretKey)
{
    public const string HttpClientName = "alpaca";

    public async Task<AlpacaOrder> SubmitOrderAsync(AlpacaOrderRequest order, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "v2/orders");
        request.Content = JsonContent.Create(order, options: AlpacaJson.Options);
        return await SendAsync<AlpacaOrder>(request, ct) ?? throw new InvalidOperationException("Alpaca answered an order submit with no order.");
    }

    /// <summary>The order, or null when Alpaca does not know it (404).</summary>
    public Task<AlpacaOrder?> GetOrderAsync(string orderId, CancellationToken ct) =>
        SendAsync<AlpacaOrder>(Request(HttpMethod.Get, $"v2/orders/{Uri.EscapeDataString(orderId)}"), ct, notFoundIsNull: true);

    public Task<AlpacaOrder?> GetOrderByClientOrderIdAsync(string clientOrderId, CancellationToken ct) =>
        SendAsync<AlpacaOrder>(Request(HttpMethod.Get, $"v2/orders:by_client_order_id?client_order_id={Uri.EscapeDataString(clientOrderId)}"),
            ct, notFoundIsNull: true);

    /// <summary>True when Alpaca accepted the cancel request (204); false when the order is unknown or no longer cancelable.</summary>
    public async Task<bool> CancelOrderAsync(string orderId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Delete, $"v2/orders/{Uri.EscapeDataString(orderId)}");
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
        {
            return false;
        }

        throw await ErrorAsync(response, ct);
    }

    public async Task<IReadOnlyList<AlpacaPosition>> GetPositionsAsync(CancellationToken ct) =>
        await SendAsync<List<AlpacaPosition>>(Request(HttpMethod.Get, "v2/positions"), ct) ?? [];

    public async Task<AlpacaAccount> GetAccountAsync(CancellationToken ct) =>
        await SendAsync<AlpacaAccount>(Request(HttpMethod.Get, "v2/account"), ct)
        ?? throw new InvalidOperationException("Alpaca answered the account request with no account.");

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        request.Headers.TryAddWithoutValidation("APCA-API-KEY-ID", keyId);
        request.Headers.TryAddWithoutValidation("APCA-API-SECRET-KEY", secretKey);
        return request;
    }

    private async Task<T?> SendAsync<T>(HttpRequestMessage request, CancellationToken ct, bool notFoundIsNull = false) where T : class
    {
        using (request)
        {
            using var response = await http.SendAsync(request, ct);
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await ErrorAsync(response, ct);
            }

            return await response.Content.ReadFromJsonAsync<T>(AlpacaJson.Options, ct);
        }
    }

    private static async Task<AlpacaRequestException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        AlpacaError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<AlpacaError>(AlpacaJson.Options, ct);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not Alpaca's JSON error shape (a proxy's page, an empty body): the status says enough.
        }

        return new AlpacaRequestException(response.StatusCode, error?.Code, error?.Message ?? response.ReasonPhrase ?? "no message");
    }
}
