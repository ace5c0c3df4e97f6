using System.Net;

namespace AqTrading.Orders.Brokers.Alpaca;

/// <summary>Alpaca refused a request (after retries, for 429 and 5xx); the message is Alpaca's own.</summary>
public sealed class AlpacaRequestException(HttpStatusCode status, long? code, string message)
    : Exception($"Alpaca answered {(int)status}{(code is null ? "" : $" ({code})")}: {message}")
{
    public HttpStatusCode Status { get; } = status;

    public long? Code { get; } = code;

    /// <summary>
    /// Alpaca answers a reused client order id with 422 "client_order_id must be unique"; its code (40010001) is the
    /// generic one of every invalid request, so the message is what tells this case apart.
    /// </summary>
    public bool IsDuplicateClientOrderId =>
        Status == HttpStatusCode.UnprocessableEntity && AlpacaMessage.Contains("client_order_id", StringComparison.OrdinalIgnoreCase)
                                                     && AlpacaMessage.Contains("unique", StringComparison.OrdinalIgnoreCase);

    /// <summary>Alpaca's own message.</summary>
    public string AlpacaMessage { get; } = message;
}
