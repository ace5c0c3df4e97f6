using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AqTrading.AlpacaSim;

/// <summary>
/// A local Alpaca Trading API, as documented at docs.alpaca.markets: <c>POST/GET/DELETE /v2/orders</c>,
/// <c>GET /v2/orders:by_client_order_id</c>, <c>GET /v2/positions</c>, <c>GET /v2/account</c> behind the
/// APCA-API-KEY-ID / APCA-API-SECRET-KEY headers, and the <c>/stream</c> WebSocket (auth → authorization, listen →
/// listening, then trade_updates events in binary frames, as the paper endpoint sends them). It keeps orders,
/// positions and cash, fills at prices the test sets, and misbehaves on request: 429s, a lost submit answer,
/// rejections, partial fills, a dropped stream, fills while no stream is connected (Alpaca does not replay them).
/// </summary>
public sealed class AlpacaSimulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Types = ["market", "limit", "stop", "stop_limit"];
    private static readonly string[] TimesInForce = ["day", "gtc", "opg", "cls", "ioc", "fok"];

    private readonly WebApplication _app;
    private readonly object _sync = new();
    private readonly Dictionary<string, SimOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimOrder> _byClientOrderId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Qty, decimal AvgEntryPrice)> _positions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, decimal> _prices = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<WebSocket, SemaphoreSlim> _subscribers = new();
    private readonly ConcurrentQueue<SimRequest> _requests = new();
    private readonly HashSet<string> _rejectSymbols = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _lastTime;
    private int _tooManyRequests;
    private int _failAfterAccepting;
    private volatile bool _streamDown;
    private int _streamConnections;

    private AlpacaSimulator(WebApplication app, string keyId, string secretKey)
    {
        _app = app;
        KeyId = keyId;
        SecretKey = secretKey;
    }

    public string KeyId { get; }

    public string SecretKey { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri StreamUrl => new UriBuilder(BaseUrl) { Scheme = "ws", Path = "/stream" }.Uri;

    public string AccountId { get; } = Guid.NewGuid().ToString("D");

    public decimal Cash { get; set; } = 100_000m;

    /// <summary>Marketable orders fill on arrival (and resting ones when a price crosses); off = only <see cref="Fill"/> fills.</summary>
    public bool AutoFill { get; set; } = true;

    /// <summary>An automatic fill comes in this many executions (partial_fill … fill).</summary>
    public int ExecutionsPerFill { get; set; } = 1;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<SimRequest> Requests => _requests.ToList();

    /// <summary>Streams that authenticated and listen to trade_updates, counted over the simulator's life.</summary>
    public int StreamConnections => Volatile.Read(ref _streamConnections);

    public int ConnectedStreams => _subscribers.Count;

    public static async Task<AlpacaSimulator> StartAsync(string keyId = "PKSIMULATORKEY0000001", string secretKey = "simulator-secret-key-0000000000000000001")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sim = new AlpacaSimulator(app, keyId, secretKey);
        sim.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sim.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return sim;
    }

    // ---- what a test controls --------------------------------------------------------------------------------------

    /// <summary>The price orders in this symbol fill at; resting orders it makes marketable fill now (with <see cref="AutoFill"/>).</summary>
    public void SetPrice(string symbol, decimal price)
    {
        _prices[symbol] = price;
        if (!AutoFill)
        {
            return;
        }

        List<SimOrder> open;
        lock (_sync)
        {
            open = _orders.Values.Where(o => o.IsOpen && string.Equals(o.Symbol, symbol, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        foreach (var order in open)
        {
            Evaluate(order, arriving: false);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> order submits (POST /v2/orders) are answered 429, as Alpaca does past its rate
    /// limit of 200 requests a minute. Only submits, so the adapter's background reads (account, positions, order
    /// status) cannot take the 429s meant for the order under test.
    /// </summary>
    public void RateLimitOrderSubmits(int count) => Interlocked.Exchange(ref _tooManyRequests, count);

    /// <summary>The next <paramref name="count"/> order submits are accepted but answered 500, as if the answer was lost.</summary>
    public void FailAfterAccepting(int count) => Interlocked.Exchange(ref _failAfterAccepting, count);

    /// <summary>Orders in this symbol are accepted (new) and then rejected.</summary>
    public void RejectSymbol(string symbol)
    {
        lock (_sync)
        {
            _rejectSymbols.Add(symbol);
        }
    }

    /// <summary>Closes every stream at once; with <paramref name="stayDown"/>, new connections are refused until <see cref="RestoreStream"/>.</summary>
    public void DropStreams(bool stayDown)
    {
        _streamDown = stayDown;
        foreach (var socket in _subscribers.Keys)
        {
            _subscribers.TryRemove(socket, out _);
            socket.Abort();
        }
    }

    public void RestoreStream() => _streamDown = false;

    public SimOrder? Order(string idOrClientOrderId)
    {
        lock (_sync)
        {
            return _orders.GetValueOrDefault(idOrClientOrderId) ?? _byClientOrderId.GetValueOrDefault(idOrClientOrderId);
        }
    }

    public IReadOnlyList<SimOrder> Orders
    {
        get
        {
            lock (_sync)
            {
                return _orders.Values.ToList();
            }
        }
    }

    /// <summary>One execution of an open order (partial_fill, or fill when it completes the order).</summary>
    public void Fill(string orderId, decimal qty, decimal price)
    {
        SimOrder order;
        lock (_sync)
        {
            order = _orders[orderId];
        }

        Execute(order, qty, price);
    }

    /// <summary>Sends a trade_updates event of any name for an order (e.g. one a client does not know yet), changing nothing.</summary>
    public Task SendEventAsync(string orderId, string @event)
    {
        SimOrder order;
        lock (_sync)
        {
            order = _orders[orderId];
        }

        return PublishAsync(@event, order, Now());
    }

    // ---- the API -------------------------------------------------------------------------------------------------------

    private void Map(WebApplication app)
    {
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = HttpMethods.IsPost(context.Request.Method) ? await new StreamReader(context.Request.Body).ReadToEndAsync() : null;
            context.Request.Body.Position = 0;
            if (context.Request.Path.StartsWithSegments("/v2"))
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/v2/orders") && TakeOne(ref _tooManyRequests))
                {
                    context.Response.Headers["X-RateLimit-Limit"] = "200";
                    context.Response.Headers["X-RateLimit-Remaining"] = "0";
                    context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    await Error(context, 429, 42910000, "rate limit exceeded");
                }
                else if (context.Request.Headers["APCA-API-KEY-ID"] != KeyId || context.Request.Headers["APCA-API-SECRET-KEY"] != SecretKey)
                {
                    await Error(context, 401, 40110000, "request is not authorized");
                }
                else
                {
                    await next(context);
                }
            }
            else
            {
                await next(context);
            }

            _requests.Enqueue(new SimRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body, context.Response.StatusCode));
        });

        app.MapPost("/v2/orders", (Delegate)SubmitAsync);
        app.MapGet("/v2/orders:by_client_order_id", (HttpContext context, string? client_order_id) =>
            Order(client_order_id ?? "") is { } order && order.ClientOrderId == client_order_id
                ? Results.Json(order.ToJson(), Json)
                : Results.Json(new { code = 40410000, message = "order not found" }, Json, statusCode: 404));
        app.MapGet("/v2/orders/{id}", (string id) =>
        {
            lock (_sync)
            {
                return _orders.TryGetValue(id, out var order)
                    ? Results.Json(order.ToJson(), Json)
                    : Results.Json(new { code = 40410000, message = "order not found" }, Json, statusCode: 404);
            }
        });
        app.MapGet("/v2/orders", (string? status) =>
        {
            lock (_sync)
            {
                var all = _orders.Values.OrderByDescending(o => o.CreatedAt);
                var selected = status is null or "open" ? all.Where(o => o.IsOpen) : status == "closed" ? all.Where(o => !o.IsOpen) : all;
                return Results.Json(selected.Select(o => o.ToJson()).ToList(), Json);
            }
        });
        app.MapDelete("/v2/orders/{id}", (string id) => Cancel(id));
        app.MapGet("/v2/positions", () =>
        {
            lock (_sync)
            {
                return Results.Json(_positions.Where(p => p.Value.Qty != 0).Select(p => PositionJson(p.Key, p.Value.Qty, p.Value.AvgEntryPrice)).ToList(), Json);
            }
        });
        app.MapGet("/v2/account", () =>
        {
            lock (_sync)
            {
                var longValue = _positions.Sum(p => p.Value.Qty * (_prices.TryGetValue(p.Key, out var price) ? price : p.Value.AvgEntryPrice));
                return Results.Json(new Dictionary<string, object?>
                {
                    ["id"] = AccountId, ["account_number"] = "PA3SIMULATOR", ["status"] = "ACTIVE", ["currency"] = "USD",
                    ["cash"] = SimOrder.Number(Cash), ["buying_power"] = SimOrder.Number(Math.Max(Cash, 0m)),
                    ["equity"] = SimOrder.Number(Cash + longValue), ["portfolio_value"] = SimOrder.Number(Cash + longValue),
                    ["long_market_value"] = SimOrder.Number(longValue), ["pattern_day_trader"] = false, ["trading_blocked"] = false,
                    ["account_blocked"] = false, ["created_at"] = SimOrder.Time(DateTimeOffset.UtcNow.AddDays(-30)),
                }, Json);
            }
        });
        app.Map("/stream", StreamAsync);
    }

    private static Task Error(HttpContext context, int status, long code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { code, message });
    }

    private static IResult Problem(int status, long code, string message) => Results.Json(new { code, message }, Json, statusCode: status);

    private async Task<IResult> SubmitAsync(HttpContext context)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement;
        }
        catch (JsonException)
        {
            return Problem(400, 40010000, "request body format is invalid");
        }

        var symbol = Text(body, "symbol");
        var qty = Decimal(body, "qty");
        var side = Text(body, "side");
        var type = Text(body, "type");
        var timeInForce = Text(body, "time_in_force");
        var limit = Decimal(body, "limit_price");
        var stop = Decimal(body, "stop_price");
        var clientOrderId = Text(body, "client_order_id") ?? Guid.NewGuid().ToString("D");
        if (string.IsNullOrEmpty(symbol) || !_prices.ContainsKey(symbol))
        {
            return Problem(422, 40010001, $"asset \"{symbol}\" not found");
        }

        if (qty is not > 0)
        {
            return Problem(422, 40010001, "qty must be > 0");
        }

        if (side is not ("buy" or "sell"))
        {
            return Problem(422, 40010001, "invalid side");
        }

        if (!Types.Contains(type))
        {
            return Problem(422, 40010001, "invalid order type");
        }

        if (!TimesInForce.Contains(timeInForce))
        {
            return Problem(422, 40010001, "invalid time_in_force");
        }

        if (type is "limit" or "stop_limit" && limit is not > 0)
        {
            return Problem(422, 40010001, "limit_price is required");
        }

        if (type is "stop" or "stop_limit" && stop is not > 0)
        {
            return Problem(422, 40010001, "stop_price is required");
        }

        if (clientOrderId.Length > 48)
        {
            return Problem(422, 40010001, "client_order_id must be no more than 48 characters");
        }

        SimOrder order;
        lock (_sync)
        {
            if (_byClientOrderId.ContainsKey(clientOrderId))
            {
                return Problem(422, 40010001, "client_order_id must be unique");
            }

            var price = limit ?? _prices[symbol];
            if (side == "buy" && qty.Value * price > Cash)
            {
                return Problem(403, 40310000, "insufficient buying power");
            }

            var now = Now();
            order = new SimOrder
            {
                Id = Guid.NewGuid().ToString("D"), ClientOrderId = clientOrderId, Symbol = symbol.ToUpperInvariant(), Side = side, Type = type!,
                TimeInForce = timeInForce!, Qty = qty.Value, LimitPrice = limit, StopPrice = stop, CreatedAt = now, UpdatedAt = now,
                Status = "new",
            };
            _orders[order.Id] = order;
            _byClientOrderId[clientOrderId] = order;
        }

        var json = order.ToJson();
        await PublishAsync("new", order, order.CreatedAt);
        _ = Task.Run(async () =>
        {
            bool reject;
            lock (_sync)
            {
                reject = _rejectSymbols.Contains(order.Symbol);
            }

            if (reject)
            {
                await Finish(order, "rejected");
            }
            else if (AutoFill)
            {
                Evaluate(order, arriving: true);
            }
        });

        if (TakeOne(ref _failAfterAccepting))
        {
            return Problem(500, 50010000, "internal server error");
        }

        return Results.Json(json, Json);
    }

    private IResult Cancel(string id)
    {
        SimOrder? order;
        lock (_sync)
        {
            if (!_orders.TryGetValue(id, out order))
            {
                return Problem(404, 40410000, "order not found");
            }

            if (!order.IsOpen)
            {
                return Problem(422, 42210000, $"order is not cancelable (status {order.Status})");
            }
        }

        Finish(order, "canceled").GetAwaiter().GetResult();
        return Results.NoContent();
    }

    /// <summary>Fills what is marketable at the symbol's price; an IOC that cannot fill is canceled, as Alpaca does.</summary>
    private void Evaluate(SimOrder order, bool arriving)
    {
        decimal? fillPrice = null;
        lock (_sync)
        {
            if (!order.IsOpen || !_prices.TryGetValue(order.Symbol, out var price))
            {
                return;
            }

            var buy = order.Side == "buy";
            if (order.Type is "stop" or "stop_limit" && !order.Triggered)
            {
                order.Triggered = buy ? price >= order.StopPrice : price <= order.StopPrice;
            }

            var marketable = order.Type switch
            {
                "market" => true,
                "stop" => order.Triggered,
                "limit" => buy ? price <= order.LimitPrice : price >= order.LimitPrice,
                "stop_limit" => order.Triggered && (buy ? price <= order.LimitPrice : price >= order.LimitPrice),
                _ => false,
            };
            if (marketable)
            {
                fillPrice = price;
            }
        }

        if (fillPrice is { } at)
        {
            var steps = Math.Max(ExecutionsPerFill, 1);
            var each = Math.Max(Math.Floor(order.Remaining / steps), 1m);
            while (order.IsOpen)
            {
                Execute(order, Math.Min(each, order.Remaining), at);
            }
        }
        else if (arriving && order.TimeInForce is "ioc" or "fok")
        {
            Finish(order, "canceled").GetAwaiter().GetResult();
        }
    }

    private void Execute(SimOrder order, decimal qty, decimal price)
    {
        decimal positionQty;
        DateTimeOffset now;
        lock (_sync)
        {
            if (!order.IsOpen || qty <= 0 || qty > order.Remaining)
            {
                throw new InvalidOperationException($"Order {order.Id} ({order.Status}, {order.Remaining} open) cannot fill {qty}.");
            }

            now = Now();
            order.FilledAvgPrice = ((order.FilledAvgPrice ?? 0m) * order.FilledQty + price * qty) / (order.FilledQty + qty);
            order.FilledQty += qty;
            order.Status = order.Remaining == 0 ? "filled" : "partially_filled";
            order.UpdatedAt = now;
            if (order.Remaining == 0)
            {
                order.FilledAt = now;
            }

            var signed = order.Side == "buy" ? qty : -qty;
            _positions.TryGetValue(order.Symbol, out var position);
            var newQty = position.Qty + signed;
            var average = newQty == 0 ? 0m
                : position.Qty == 0 || Math.Sign(position.Qty) == Math.Sign(signed)
                    ? (Math.Abs(position.Qty) * position.AvgEntryPrice + qty * price) / Math.Abs(newQty)
                    : Math.Sign(newQty) == Math.Sign(position.Qty) ? position.AvgEntryPrice : price;
            _positions[order.Symbol] = (newQty, average);
            Cash -= signed * price;
            positionQty = newQty;
        }

        PublishAsync(order.Status == "filled" ? "fill" : "partial_fill", order, now, new Dictionary<string, object?>
        {
            ["execution_id"] = Guid.NewGuid().ToString("D"),
            ["price"] = SimOrder.Number(price),
            ["qty"] = SimOrder.Number(qty),
            ["position_qty"] = SimOrder.Number(positionQty),
        }).GetAwaiter().GetResult();
    }

    private Task Finish(SimOrder order, string status)
    {
        DateTimeOffset now;
        lock (_sync)
        {
            if (!order.IsOpen)
            {
                return Task.CompletedTask;
            }

            now = Now();
            order.Status = status;
            order.UpdatedAt = now;
            _ = status switch
            {
                "canceled" => order.CanceledAt = now,
                "expired" => order.ExpiredAt = now,
                _ => order.FailedAt = now,
            };
        }

        return PublishAsync(status, order, now);
    }

    /// <summary>Sends a trade_updates event to every listening stream; with none connected it is gone (Alpaca does not replay).</summary>
    private async Task PublishAsync(string @event, SimOrder order, DateTimeOffset at, Dictionary<string, object?>? execution = null)
    {
        Dictionary<string, object?> data;
        lock (_sync)
        {
            data = new Dictionary<string, object?> { ["event"] = @event, ["timestamp"] = SimOrder.Time(at), ["order"] = order.ToJson() };
        }

        foreach (var (key, value) in execution ?? [])
        {
            data[key] = value;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { stream = "trade_updates", data }, Json);
        foreach (var (socket, gate) in _subscribers)
        {
            await gate.WaitAsync();
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                _subscribers.TryRemove(socket, out _);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        if (_streamDown)
        {
            context.Response.StatusCode = 503;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var gate = new SemaphoreSlim(1, 1);
        var authorized = false;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = await ReceiveAsync(socket);
                if (message is null)
                {
                    break;
                }

                var root = message.RootElement;
                var action = Text(root, "action");
                if (action is "auth" or "authenticate")
                {
                    // Both documented shapes: {"action":"auth","key","secret"} and {"action":"authenticate","data":{"key_id","secret_key"}}.
                    var data = root.TryGetProperty("data", out var d) ? d : root;
                    var key = Text(data, "key") ?? Text(data, "key_id");
                    var secret = Text(data, "secret") ?? Text(data, "secret_key");
                    authorized = key == KeyId && secret == SecretKey;
                    await SendAsync(socket, gate, new
                    {
                        stream = "authorization",
                        data = authorized
                            ? (object)new { action = "authenticate", status = "authorized" }
                            : new { action = "authenticate", status = "unauthorized", message = "access key verification failed" },
                    });
                    if (!authorized)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized", CancellationToken.None);
                        return;
                    }
                }
                else if (action == "listen" && authorized)
                {
                    var streams = root.GetProperty("data").GetProperty("streams").EnumerateArray().Select(s => s.GetString()).ToList();
                    var listening = streams.Where(s => s == "trade_updates").ToList();
                    await SendAsync(socket, gate, new { stream = "listening", data = new { streams = listening } });
                    if (listening.Count > 0)
                    {
                        _subscribers[socket] = gate;
                        Interlocked.Increment(ref _streamConnections);
                    }
                    else
                    {
                        _subscribers.TryRemove(socket, out _);
                    }
                }
                else
                {
                    await SendAsync(socket, gate, new { stream = "authorization", data = new { action, status = "unauthorized", message = "authenticate first" } });
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped (DropStreams aborts the socket) or the client went away.
        }
        finally
        {
            _subscribers.TryRemove(socket, out _);
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim gate, object message)
    {
        await gate.WaitAsync();
        try
        {
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, Json), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<JsonDocument?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        using var stream = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            stream.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(stream.ToArray());
            }
        }
    }

    private static Dictionary<string, object?> PositionJson(string symbol, decimal qty, decimal average) => new()
    {
        ["asset_id"] = SimOrder.AssetId(symbol), ["symbol"] = symbol, ["exchange"] = "NASDAQ", ["asset_class"] = "us_equity",
        ["avg_entry_price"] = SimOrder.Number(average), ["qty"] = SimOrder.Number(qty), ["qty_available"] = SimOrder.Number(qty),
        ["side"] = qty < 0 ? "short" : "long", ["cost_basis"] = SimOrder.Number(qty * average),
    };

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    /// <summary>Alpaca takes numbers as JSON strings or numbers.</summary>
    private static decimal? Decimal(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDecimal(),
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    /// <summary>Takes one from a counter of injected faults, if any are left.</summary>
    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    /// <summary>Strictly increasing timestamps, like Alpaca's per-order event times.</summary>
    private DateTimeOffset Now()
    {
        lock (_sync)
        {
            var now = DateTimeOffset.UtcNow;
            _lastTime = now > _lastTime ? now : _lastTime.AddTicks(1);
            return _lastTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropStreams(stayDown: true);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
