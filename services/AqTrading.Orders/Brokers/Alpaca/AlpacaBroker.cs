using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Brokers.Alpaca;

/// <summary>
/// One Alpaca account behind <see cref="IBrokerAdapter"/>: orders, positions and account over the Trading API's REST
/// endpoints, executions and status changes from its <c>trade_updates</c> WebSocket stream.
/// </summary>
/// <remarks>
/// <para>Idempotency: the client_order_id is our order id, so a retried submit (after a lost answer) cannot create a
/// second order — Alpaca refuses the duplicate (422) and the adapter fetches the order that id already names.</para>
/// <para>The stream is reconnected with exponential backoff and re-authenticated and re-subscribed each time. Alpaca
/// does not replay what happened while a client was away, so after every (re)connect the working orders are polled
/// (<c>GET /v2/orders/{id}</c>) and any quantity filled meanwhile is reported as one fill computed from filled_qty and
/// filled_avg_price. <see cref="AlpacaFillLedger"/> keeps the stream and the poll from reporting a share twice; the
/// order lifecycle drops a repeated fill id on top of that.</para>
/// </remarks>
public sealed partial class AlpacaBroker(
    string accountId, bool live, AlpacaOptions options, AlpacaTradingClient client, IServiceScopeFactory scopes, TimeProvider time,
    ILogger<AlpacaBroker> logger) : IBrokerAdapter
{
    private static readonly OrderStatus[] WorkingStatuses =
        [OrderStatus.Pending, OrderStatus.Submitted, OrderStatus.PartiallyFilled, OrderStatus.CancelRequested];

    private readonly Channel<BrokerEvent> _events = Channel.CreateUnbounded<BrokerEvent>();
    private readonly AlpacaFillLedger _ledger = new();
    private readonly ConcurrentDictionary<string, Guid> _working = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _pollGate = new(1, 1);
    private int _connections;

    public string Name => live ? BrokerSelectionOptions.AlpacaLive : BrokerSelectionOptions.AlpacaPaper;

    public string AccountId => accountId;

    /// <summary>How many times the stream has been authorised and subscribed (1 after the first connect).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public ChannelReader<BrokerEvent> Events => _events.Reader;

    public async Task<string> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken)
    {
        var request = AlpacaMapping.ToRequest(order);
        AlpacaOrder placed;
        try
        {
            placed = await client.SubmitOrderAsync(request, cancellationToken);
        }
        catch (AlpacaRequestException e) when (e.IsDuplicateClientOrderId)
        {
            // An earlier attempt reached Alpaca (its answer was lost, or this is a resubmit): that order is ours.
            placed = await client.GetOrderByClientOrderIdAsync(request.ClientOrderId, cancellationToken)
                     ?? throw new AlpacaRequestException(e.Status, e.Code, "client_order_id is taken but no order carries it");
            LogDuplicateClientOrderId(order.OrderId, placed.Id);
        }

        _working[placed.Id] = order.OrderId;
        return placed.Id;
    }

    public Task<bool> CancelAsync(string brokerOrderId, CancellationToken cancellationToken) =>
        client.CancelOrderAsync(brokerOrderId, cancellationToken);

    public async Task<OrderStatus?> GetStatusAsync(string brokerOrderId, CancellationToken cancellationToken)
    {
        var order = await client.GetOrderAsync(brokerOrderId, cancellationToken);
        if (order is null)
        {
            return null;
        }

        if (AlpacaMapping.FromStatus(order.Status) is { } status)
        {
            return status;
        }

        LogUnknownStatus(order.Status, brokerOrderId);
        return OrderStatus.Pending;
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(string accountId, CancellationToken cancellationToken) =>
        (await client.GetPositionsAsync(cancellationToken))
        .Select(p => new BrokerPosition(p.Symbol, p.Side == "short" ? -Math.Abs(p.Qty) : Math.Abs(p.Qty), p.AvgEntryPrice))
        .ToList();

    public async Task<BrokerAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await client.GetAccountAsync(cancellationToken);
        return new BrokerAccount(accountId, account.Cash, account.BuyingPower);
    }

    /// <summary>Keeps the trade_updates stream connected until the service stops; polls working orders after every connect.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var poller = PollPeriodicallyAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                // Pings with a pong deadline: a connection that died without a close frame is noticed and replaced.
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
                socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(15);
                await socket.ConnectAsync(options.StreamUri(live), stoppingToken);
                await AuthenticateAndListenAsync(socket, stoppingToken);
                failures = 0;
                var connection = Interlocked.Increment(ref _connections);
                LogStreamConnected(accountId, connection);
                await RecoverAsync(stoppingToken);
                await ReceiveAsync(socket, stoppingToken);
                LogStreamClosed(accountId, socket.CloseStatus?.ToString() ?? "no close frame");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                failures++;
                LogStreamFailed(accountId, failures, e.GetType().Name, e.Message);
            }

            var delay = ReconnectDelay(Math.Max(failures, 1));
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await poller;
    }

    /// <summary>Exponential backoff (initial × 2^(n−1), capped) with ±20 % jitter so many clients do not reconnect in step.</summary>
    private TimeSpan ReconnectDelay(int failures)
    {
        var baseDelay = options.ReconnectInitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(baseDelay, options.ReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private async Task AuthenticateAndListenAsync(ClientWebSocket socket, CancellationToken ct)
    {
        await SendAsync(socket, new { action = "auth", key = options.KeyId, secret = options.SecretKey }, ct);
        var authorization = await ReceiveMessageAsync(socket, ct) ?? throw new WebSocketException("The stream closed before authorising.");
        if (Stream(authorization) != "authorization"
            || !authorization.RootElement.TryGetProperty("data", out var auth)
            || auth.GetProperty("status").GetString() != "authorized")
        {
            // Wrong keys stay wrong: the backoff keeps this from hammering Alpaca, and the log says why.
            throw new UnauthorizedAccessException($"The trade_updates stream refused the keys: {authorization.RootElement.GetRawText()}");
        }

        await SendAsync(socket, new { action = "listen", data = new { streams = new[] { "trade_updates" } } }, ct);
        while (true)
        {
            using var message = await ReceiveMessageAsync(socket, ct) ?? throw new WebSocketException("The stream closed before listening.");
            if (Stream(message) == "listening")
            {
                var streams = message.RootElement.GetProperty("data").GetProperty("streams").EnumerateArray().Select(s => s.GetString());
                if (!streams.Contains("trade_updates"))
                {
                    throw new WebSocketException("Alpaca did not subscribe the trade_updates stream.");
                }

                return;
            }

            await HandleAsync(message, ct);
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        while (true)
        {
            using var message = await ReceiveMessageAsync(socket, ct);
            if (message is null)
            {
                return;
            }

            await HandleAsync(message, ct);
        }
    }

    private Task HandleAsync(JsonDocument message, CancellationToken ct)
    {
        if (Stream(message) != "trade_updates" || !message.RootElement.TryGetProperty("data", out var data))
        {
            return Task.CompletedTask;
        }

        AlpacaTradeUpdate? update;
        try
        {
            update = data.Deserialize<AlpacaTradeUpdate>(AlpacaJson.Options);
        }
        catch (JsonException e)
        {
            LogMalformedUpdate(e.Message);
            return Task.CompletedTask;
        }

        if (update?.Order is null || update.Event is null)
        {
            LogMalformedUpdate("no event or order");
            return Task.CompletedTask;
        }

        Apply(update);
        return Task.CompletedTask;
    }

    private void Apply(AlpacaTradeUpdate update)
    {
        var order = update.Order;
        if (!Guid.TryParse(order.ClientOrderId, out var orderId))
        {
            LogForeignOrder(order.Id, order.ClientOrderId);
            return;
        }

        var now = time.GetUtcNow();
        var (kind, status) = AlpacaMapping.FromEvent(update.Event);
        switch (kind)
        {
            case AlpacaMapping.EventKind.Execution:
                if (update.ExecutionId is null || update.Price is not > 0 || update.Qty is not > 0)
                {
                    LogMalformedUpdate($"{update.Event} without execution_id, price or qty");
                    return;
                }

                var quantity = _ledger.TakeExecution(order.Id, update.ExecutionId, update.Qty.Value, update.Price.Value, order.FilledQty);
                if (quantity > 0)
                {
                    Publish(new BrokerFill(orderId, order.Id, update.ExecutionId, quantity, update.Price.Value, 0m, update.Timestamp ?? now));
                }
                else
                {
                    LogExecutionAlreadyReported(update.ExecutionId, order.Id);
                }

                break;
            case AlpacaMapping.EventKind.Status:
                Publish(new BrokerStatusUpdate(orderId, order.Id, status!.Value, AlpacaMapping.Sequence(update.Timestamp, now),
                    status == OrderStatus.Rejected ? "broker_rejected" : $"alpaca {update.Event}", update.Timestamp ?? now));
                break;
            case AlpacaMapping.EventKind.Informational:
                LogInformational(update.Event, order.Id);
                break;
            default:
                LogUnknownEvent(update.Event, order.Id, orderId);
                break;
        }

        if (AlpacaMapping.FromStatus(order.Status) is { } current && current.IsTerminal())
        {
            _working.TryRemove(order.Id, out _);
        }
    }

    /// <summary>
    /// Asks Alpaca for every working order of this account — the ones in the database and the ones submitted moments
    /// ago — and reports what the stream missed: the quantity filled beyond what was reported, and a final status.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        await _pollGate.WaitAsync(ct);
        try
        {
            var working = new Dictionary<string, (Guid OrderId, decimal Filled, decimal? Average)>(StringComparer.Ordinal);
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
                var stored = await db.Orders.AsNoTracking()
                    .Where(o => o.AccountId == accountId && o.BrokerOrderId != null && WorkingStatuses.Contains(o.Status))
                    .Select(o => new { o.Id, o.BrokerOrderId, o.FilledQuantity, o.AverageFillPrice })
                    .ToListAsync(ct);
                foreach (var o in stored)
                {
                    working[o.BrokerOrderId!] = (o.Id, o.FilledQuantity, o.AverageFillPrice);
                }
            }

            foreach (var (brokerOrderId, orderId) in _working)
            {
                working.TryAdd(brokerOrderId, (orderId, 0m, null));
            }

            foreach (var (brokerOrderId, (orderId, filled, average)) in working)
            {
                _ledger.Seed(brokerOrderId, filled, filled * (average ?? 0m));
                var order = await client.GetOrderAsync(brokerOrderId, ct);
                if (order is null)
                {
                    _working.TryRemove(brokerOrderId, out _);
                    continue;
                }

                var now = time.GetUtcNow();
                if (_ledger.TakeMissing(brokerOrderId, order.FilledQty, order.FilledAvgPrice) is { } missing)
                {
                    // A deterministic id: a second poll of the same state (or a restart before booking) repeats it, and
                    // the lifecycle's fill-id check ignores the repeat.
                    var fillId = $"{brokerOrderId}:filled-to:{order.FilledQty.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                    LogRecoveredFill(missing.Quantity, brokerOrderId, missing.Price);
                    Publish(new BrokerFill(orderId, brokerOrderId, fillId, missing.Quantity, missing.Price, 0m, order.UpdatedAt ?? now));
                }

                var status = AlpacaMapping.FromStatus(order.Status);
                if (status is null)
                {
                    LogUnknownStatus(order.Status, brokerOrderId);
                    continue;
                }

                if (status is OrderStatus.Cancelled or OrderStatus.Expired or OrderStatus.Rejected)
                {
                    Publish(new BrokerStatusUpdate(orderId, brokerOrderId, status.Value, AlpacaMapping.Sequence(order.UpdatedAt, now),
                        status == OrderStatus.Rejected ? "broker_rejected" : $"alpaca {order.Status} (polled)", order.UpdatedAt ?? now));
                }

                if (status.Value.IsTerminal())
                {
                    _working.TryRemove(brokerOrderId, out _);
                }
            }
        }
        finally
        {
            _pollGate.Release();
        }
    }

    private async Task PollPeriodicallyAsync(CancellationToken ct)
    {
        if (options.StatusPollInterval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(options.StatusPollInterval, time);
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await RecoverAsync(ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogPollFailed(accountId, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Publish(BrokerEvent brokerEvent) => _events.Writer.TryWrite(brokerEvent);

    private static string? Stream(JsonDocument message) =>
        message.RootElement.ValueKind == JsonValueKind.Object && message.RootElement.TryGetProperty("stream", out var stream)
            ? stream.GetString() : null;

    private static Task SendAsync(ClientWebSocket socket, object message, CancellationToken ct) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, ct);

    /// <summary>One whole message (Alpaca's paper stream sends binary frames, the live one text; both carry JSON), or null when closed.</summary>
    private static async Task<JsonDocument?> ReceiveMessageAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray());
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Alpaca stream of account {AccountId} connected and listening to trade_updates (connection {Connection})")]
    private partial void LogStreamConnected(string accountId, int connection);

    [LoggerMessage(LogLevel.Warning, "Alpaca stream of account {AccountId} closed ({Status}); reconnecting")]
    private partial void LogStreamClosed(string accountId, string status);

    [LoggerMessage(LogLevel.Warning, "Alpaca stream of account {AccountId} failed (attempt {Attempt}): {Error} {Reason}; reconnecting with backoff")]
    private partial void LogStreamFailed(string accountId, int attempt, string error, string reason);

    [LoggerMessage(LogLevel.Warning, "Polling Alpaca orders of account {AccountId} failed: {Reason}")]
    private partial void LogPollFailed(string accountId, string reason);

    [LoggerMessage(LogLevel.Information, "Order {OrderId} already exists at Alpaca as {BrokerOrderId} (duplicate client_order_id): using it")]
    private partial void LogDuplicateClientOrderId(Guid orderId, string brokerOrderId);

    [LoggerMessage(LogLevel.Warning, "Alpaca order status '{Status}' of {BrokerOrderId} is not one we know; the order is left as it is")]
    private partial void LogUnknownStatus(string status, string brokerOrderId);

    [LoggerMessage(LogLevel.Warning, "Alpaca trade update '{Event}' for {BrokerOrderId} (order {OrderId}) is not one we know; the order is left as it is")]
    private partial void LogUnknownEvent(string @event, string brokerOrderId, Guid orderId);

    [LoggerMessage(LogLevel.Debug, "Alpaca trade update '{Event}' for {BrokerOrderId} changes nothing here")]
    private partial void LogInformational(string @event, string brokerOrderId);

    [LoggerMessage(LogLevel.Debug, "Alpaca execution {ExecutionId} of {BrokerOrderId} was already reported")]
    private partial void LogExecutionAlreadyReported(string executionId, string brokerOrderId);

    [LoggerMessage(LogLevel.Information, "Recovered {Quantity} filled on Alpaca order {BrokerOrderId} at {Price} while the stream was away")]
    private partial void LogRecoveredFill(decimal quantity, string brokerOrderId, decimal price);

    [LoggerMessage(LogLevel.Information, "Alpaca order {BrokerOrderId} (client_order_id {ClientOrderId}) was not placed by this platform; ignored")]
    private partial void LogForeignOrder(string brokerOrderId, string clientOrderId);

    [LoggerMessage(LogLevel.Warning, "Malformed Alpaca trade update ignored: {Reason}")]
    private partial void LogMalformedUpdate(string reason);
}
