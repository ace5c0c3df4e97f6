using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.MarketData;

namespace AqTrading.Strategies.IntegrationTests;

/// <summary>The orders service as the strategies service sees it: records every POST and answers 201 with a new order.</summary>
public sealed class OrdersStub : HttpMessageHandler
{
    private int _failuresLeft;

    public ConcurrentQueue<(string? IdempotencyKey, JsonElement Body)> Requests { get; } = new();

    /// <summary>The next <paramref name="count"/> requests answer 503 (after being recorded).</summary>
    public void FailNext(int count) => _failuresLeft = count;

    // Shared by the hosts a test starts (a restart): the client factory of a stopped host must not dispose it.
    protected override void Dispose(bool disposing)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        Requests.Enqueue((request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null, body));
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        return new HttpResponseMessage(HttpStatusCode.Created)
        {
            Content = JsonContent.Create(new { id = Guid.NewGuid(), status = "submitted", rejectCode = (string?)null, quantity = body.GetProperty("quantity").GetDecimal() }),
        };
    }
}

/// <summary>The market-data history API: serves whatever bars a test put in.</summary>
public sealed class MarketDataStub : HttpMessageHandler
{
    public ConcurrentDictionary<string, List<Bar>> History { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected override void Dispose(bool disposing)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var symbol = Uri.UnescapeDataString(request.RequestUri!.Segments[^1]);
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        var last = int.Parse(query["last"] ?? "100");
        var bars = History.TryGetValue(symbol, out var all) ? all.TakeLast(last).ToList() : [];
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { items = bars, nextCursor = (string?)null }) });
    }
}
