using System.Net;

namespace AqTrading.Orders.Brokers.Alpaca;

/// <summary>Alpaca refused a request (after retries, for 429 and 5xx); the message is Alpaca's own.</summary>
public sealed class AlpacaRequestException(HttpStatusCode status, long? code, string message)
    : Exception($"Alpaca answered {(int)status}{(code is null ? "" : $" ({code})")}: {message}")
{
    public HttpStatusCode Status { get; } = status;

    public long? Code { get; } = code;

    /// <summary>40010001 is Alpaca's code for "client_order_id must be unique"; older answers only carry the message.</summary>
    public bool IsDuplicateClientOrderId =>
        Status == HttpStatusCode.UnprocessableEntity && (Code == 40010001 || Message.Contains("client_order_id", StringComparison.OrdinalIgnoreCase));
}
