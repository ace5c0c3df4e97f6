using System.Text.Json;
using System.Threading.Channels;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Registry;
using AqTrading.Strategies.Signals;
using StackExchange.Redis;

namespace AqTrading.Strategies.Running;

/// <summary>What a running strategy has done so far, for the API.</summary>
/// <param name="Listening">History loaded and subscribed: every bar published from now on is processed.</param>
public sealed record RunnerSnapshot(
    bool Listening,
    int BarsProcessed,
    int SignalsSent,
    int SignalsSuppressed,
    DateTimeOffset? LastBarAt,
    IReadOnlyList<StrategyPosition> Positions,
    StrategyPnl Pnl);

/// <summary>
/// One live strategy: a single consumer of its own event channel, so callbacks reach the strategy strictly one at a
/// time and in arrival order, and one strategy's failure stays its own. Sequence: OnStart, its stored fills, subscribe
/// to its Redis channels (live bars queue up meanwhile), warm up from market-data history (signals suppressed), then
/// live bars and quotes; each signal is stored, sent to orders, and — for market orders — its fills are awaited before
/// the next event, as the backtest path fills at the bar close before the next bar.
/// </summary>
public sealed partial class StrategyRunner : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly StrategyDefinition _definition;
    private readonly StrategyDriver _driver;
    private readonly RunnerDependencies _deps;
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<StrategyFill> _fills = Channel.CreateUnbounded<StrategyFill>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<(Guid OrderId, decimal Quantity, DateTimeOffset Deadline)> _awaitingFills = [];
    private readonly List<ChannelMessageQueue> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task _loop = Task.CompletedTask;
    private int _barsProcessed;
    private int _signalsSent;
    private int _signalsSuppressed;
    private DateTimeOffset? _lastBarAt;
    private bool _running;
    private volatile bool _listening;

    public StrategyRunner(StrategyDefinition definition, Strategy strategy, RunnerDependencies deps)
    {
        _definition = definition;
        _driver = new StrategyDriver(strategy, definition.AccountId);
        _deps = deps;
    }

    public string Id => _definition.Id;

    /// <summary>False once it stopped or failed.</summary>
    public bool IsActive => !_loop.IsCompleted;

    public void Start() => _loop = Task.Run(RunAsync);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public RunnerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new RunnerSnapshot(_listening && IsActive, _barsProcessed, _signalsSent, _signalsSuppressed, _lastBarAt, _driver.Context.Positions, _driver.Context.Pnl);
        }
    }

    /// <summary>A fill of one of this strategy's orders (any thread); applied in order by the runner, once per fill id.</summary>
    public void Deliver(StrategyFill fill) => _fills.Writer.TryWrite(fill);

    /// <summary>Redis came back: fetch the bars missed meanwhile (the driver ignores the ones already seen).</summary>
    public void Backfill() => _events.Writer.TryWrite(new BackfillRequest());

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var stopping = false;
        try
        {
            var stored = await _deps.LoadFillsAsync(Id, ct);
            lock (_gate)
            {
                _driver.Start();
                foreach (var fill in stored)
                {
                    _driver.Context.ApplyFill(fill);
                }
            }

            await SubscribeAsync();
            await WarmUpAsync(ct);
            _listening = true;
            while (true)
            {
                DrainFills();
                if (await WaitForFillsAsync(ct))
                {
                    continue;
                }

                var next = await NextAsync(ct);
                if (next is not null)
                {
                    await ProcessAsync(next, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stopping = true;
        }
        catch (Exception e)
        {
            LogFailed(_deps.Logger, e, Id);
            await UnsubscribeAsync();
            await _deps.SetStatusAsync(Id, StrategyStatus.Error, e.Message);
            return;
        }

        await UnsubscribeAsync();
        if (stopping)
        {
            try
            {
                lock (_gate)
                {
                    _driver.Stop();
                }
            }
            catch (Exception e)
            {
                LogFailed(_deps.Logger, e, Id);
                await _deps.SetStatusAsync(Id, StrategyStatus.Error, e.Message);
            }
        }
    }

    private async Task SubscribeAsync()
    {
        var subscriber = _deps.Redis.GetSubscriber();
        foreach (var symbol in _driver.Strategy.Symbols)
        {
            var bars = await subscriber.SubscribeAsync(RedisChannel.Literal(Bar.Channel(_definition.Resolution, symbol)));
            bars.OnMessage(message =>
            {
                if (Parse<Bar>(message.Message) is { } bar && bar.Resolution == _definition.Resolution)
                {
                    _events.Writer.TryWrite(bar);
                }
            });
            _subscriptions.Add(bars);
            if (_driver.Strategy.WantsQuotes)
            {
                var quotes = await subscriber.SubscribeAsync(RedisChannel.Literal(Quote.Channel(symbol)));
                quotes.OnMessage(message =>
                {
                    if (Parse<Quote>(message.Message) is { } quote)
                    {
                        _events.Writer.TryWrite(quote);
                    }
                });
                _subscriptions.Add(quotes);
            }
        }
    }

    private async Task UnsubscribeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (RedisException)
            {
                // Redis is away; the subscription ends with the connection.
            }
        }

        _subscriptions.Clear();
    }

    /// <summary>
    /// Loads the last <c>WarmupBars</c> bars per symbol (retrying while market data cannot be reached) and feeds them
    /// in time order; nothing they signal is sent. Symbols with less history finish their warm-up on live bars.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken ct)
    {
        var needed = _driver.Strategy.WarmupBars;
        if (needed > 0)
        {
            var history = new List<Bar>();
            foreach (var symbol in _driver.Strategy.Symbols)
            {
                history.AddRange(await WithRetriesAsync(() => _deps.MarketData.LastBarsAsync(symbol, _definition.Resolution, needed, ct), ct));
            }

            foreach (var bar in history.OrderBy(b => b.End))
            {
                lock (_gate)
                {
                    if (_driver.OnBar(bar) is { } outcome)
                    {
                        _barsProcessed++;
                        _lastBarAt = bar.End;
                        _signalsSuppressed += outcome.Suppressed + outcome.Signals.Count;
                    }
                }
            }
        }

        await UpdateStatusAsync();
    }

    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> load, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await load();
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException or Polly.ExecutionRejectedException
                                          || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                await _deps.SetStatusAsync(Id, StrategyStatus.WarmingUp, $"Waiting for market-data history: {e.Message}");
                await Task.Delay(_deps.Options.WarmupRetryDelay, _deps.Time, ct);
            }
        }
    }

    private async Task UpdateStatusAsync()
    {
        if (!_running && _driver.IsWarm)
        {
            _running = true;
            await _deps.SetStatusAsync(Id, StrategyStatus.Running, null);
        }
    }

    private void DrainFills()
    {
        while (_fills.Reader.TryRead(out var fill))
        {
            lock (_gate)
            {
                _driver.OnFill(fill);
            }
        }

        var now = _deps.Time.GetUtcNow();
        _awaitingFills.RemoveAll(o => _driver.Context.FilledQuantity(o.OrderId) >= o.Quantity || now >= o.Deadline);
    }

    /// <summary>True when it waited for (and maybe got) a fill of an awaited market order; false when nothing is awaited.</summary>
    private async Task<bool> WaitForFillsAsync(CancellationToken ct)
    {
        if (_awaitingFills.Count == 0)
        {
            return false;
        }

        var remaining = _awaitingFills.Min(o => o.Deadline) - _deps.Time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(remaining, _deps.Time, timeout.Token);
            var fill = _fills.Reader.WaitToReadAsync(timeout.Token).AsTask();
            await Task.WhenAny(delay, fill);
            await timeout.CancelAsync();
            ct.ThrowIfCancellationRequested();
            if (!fill.IsCompletedSuccessfully)
            {
                LogFillTimeout(_deps.Logger, Id, _awaitingFills.Count);
            }
        }

        return true;
    }

    private async Task<object?> NextAsync(CancellationToken ct)
    {
        if (_events.Reader.TryRead(out var next))
        {
            return next;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var events = _events.Reader.WaitToReadAsync(linked.Token).AsTask();
        var fills = _fills.Reader.WaitToReadAsync(linked.Token).AsTask();
        await Task.WhenAny(events, fills);
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
        // Fills first: the loop drains them before it takes the next event.
        return _fills.Reader.TryPeek(out _) ? null : _events.Reader.TryRead(out next) ? next : null;
    }

    private async Task ProcessAsync(object next, CancellationToken ct)
    {
        switch (next)
        {
            case Bar bar:
                BarOutcome? outcome;
                lock (_gate)
                {
                    outcome = _driver.OnBar(bar);
                    if (outcome is not null)
                    {
                        _barsProcessed++;
                        _lastBarAt = bar.End;
                        _signalsSuppressed += outcome.Suppressed;
                    }
                }

                if (outcome is not null)
                {
                    await UpdateStatusAsync();
                    await SendAsync(outcome.Signals, ct);
                }

                break;
            case Quote quote:
                BarOutcome? quoted;
                lock (_gate)
                {
                    quoted = _driver.OnQuote(quote);
                    _signalsSuppressed += quoted?.Suppressed ?? 0;
                }

                await SendAsync(quoted?.Signals ?? [], ct);
                break;
            case BackfillRequest:
                foreach (var symbol in _driver.Strategy.Symbols)
                {
                    try
                    {
                        var missed = await _deps.MarketData.LastBarsAsync(symbol, _definition.Resolution, 100, ct);
                        foreach (var bar in missed)
                        {
                            _events.Writer.TryWrite(bar);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException or Polly.ExecutionRejectedException)
                    {
                        LogBackfillFailed(_deps.Logger, e, Id, symbol);
                    }
                }

                break;
        }
    }

    private async Task SendAsync(IReadOnlyList<Signal> signals, CancellationToken ct)
    {
        foreach (var signal in signals)
        {
            if (!await _deps.RecordSignalAsync(signal))
            {
                continue; // stored before: it was sent then (same id, same idempotency key)
            }

            var order = await _deps.Orders.SubmitAsync(signal, _definition.AccountId, ct);
            await _deps.RecordOrderAsync(signal.Id, order);
            lock (_gate)
            {
                _signalsSent++;
            }

            if (signal.OrderType == SignalOrderType.Market && order.OrderId is { } orderId
                && order.Status is not ("rejected" or "cancelled" or "expired"))
            {
                _awaitingFills.Add((orderId, signal.Quantity, _deps.Time.GetUtcNow() + _deps.Options.FillTimeout));
            }
        }
    }

    private static T? Parse<T>(RedisValue value) where T : class
    {
        try
        {
            return value.HasValue ? JsonSerializer.Deserialize<T>(value.ToString(), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record BackfillRequest;

    [LoggerMessage(LogLevel.Error, "Strategy {StrategyId} failed and is stopped")]
    private static partial void LogFailed(ILogger logger, Exception exception, string strategyId);

    [LoggerMessage(LogLevel.Warning, "Strategy {StrategyId} goes on without the fills of {Count} market order(s) it waited for")]
    private static partial void LogFillTimeout(ILogger logger, string strategyId, int count);

    [LoggerMessage(LogLevel.Warning, "Strategy {StrategyId} could not fetch missed {Symbol} bars after Redis reconnected")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception, string strategyId, string symbol);
}
