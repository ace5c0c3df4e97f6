using System.Collections.Concurrent;
using System.Threading.Channels;
using AqTrading.Contracts.MarketData;
using AqTrading.Orders.Data;
using AqTrading.Orders.Domain;
using AqTrading.ServicePlatform.Quotes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Orders.Brokers.Paper;

/// <summary>
/// A simulated broker on live quotes (Redis <c>quote:{symbol}</c>): market orders fill at the ask (buy) or bid
/// (sell) moved against the order by the configured slippage; limit orders rest until the quote crosses their
/// price and fill at the better of the two; stop orders trigger when the quote reaches the stop and then behave
/// as market (stop) or limit (stop-limit) orders; IOC orders that cannot fill at once expire. It keeps its own
/// positions and cash per account — the broker's books, which reconciliation compares with ours. They live in
/// memory and are rebuilt at start from the orders it executed (their fills and working orders are in ordersdb), so a
/// restart of the orders service neither forgets a position nor a resting order. Its ids are unique across restarts
/// (derived from our order id), and its update sequence starts from the clock, so nothing it reports after a restart
/// collides with, or ranks below, what it reported before.
/// </summary>
public sealed partial class PaperBroker(QuoteReader quotes, IOptions<PaperBrokerOptions> options, TimeProvider time,
    IServiceScopeFactory scopes, ILogger<PaperBroker> logger) : BackgroundService, IBrokerAdapter
{
    private const string IdPrefix = "PAPER-";

    private readonly Channel<BrokerEvent> _events = Channel.CreateUnbounded<BrokerEvent>();
    private readonly ConcurrentDictionary<string, Working> _working = new();
    private readonly ConcurrentDictionary<string, OrderStatus> _final = new();
    private readonly ConcurrentDictionary<string, Books> _books = new();
    private long _eventSequence = time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000;

    private sealed class Working(BrokerOrder order, string brokerOrderId)
    {
        public BrokerOrder Order { get; } = order;

        public string BrokerOrderId { get; } = brokerOrderId;

        public decimal Remaining { get; set; } = order.Quantity;

        /// <summary>Fills so far; numbers the next fill id.</summary>
        public int Fills { get; set; }

        /// <summary>A stop order whose stop was reached.</summary>
        public bool Triggered { get; set; }

        public readonly object Sync = new();
    }

    private sealed class Books(decimal cash)
    {
        public decimal Cash { get; set; } = cash;

        public Dictionary<string, (decimal Quantity, decimal AverageCost)> Positions { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "paper";

    public ChannelReader<BrokerEvent> Events => _events.Reader;

    public Task<string> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken)
    {
        var brokerOrderId = $"{IdPrefix}{order.OrderId:N}";
        var working = new Working(order, brokerOrderId);
        _working[brokerOrderId] = working;
        Publish(new BrokerStatusUpdate(order.OrderId, brokerOrderId, OrderStatus.Submitted, NextSequence(), null, time.GetUtcNow()));
        _ = Task.Run(async () =>
        {
            await Task.Delay(options.Value.Latency, time);
            await TryExecuteAsync(working, firstLook: true);
        }, CancellationToken.None);
        return Task.FromResult(brokerOrderId);
    }

    public Task<bool> CancelAsync(string brokerOrderId, CancellationToken cancellationToken)
    {
        if (!_working.TryGetValue(brokerOrderId, out var working))
        {
            return Task.FromResult(false);
        }

        lock (working.Sync)
        {
            if (!_working.TryRemove(brokerOrderId, out _))
            {
                return Task.FromResult(false);
            }

            Finish(working, OrderStatus.Cancelled, "cancelled on request");
        }

        return Task.FromResult(true);
    }

    public Task<OrderStatus?> GetStatusAsync(string brokerOrderId, CancellationToken cancellationToken) =>
        Task.FromResult<OrderStatus?>(_working.TryGetValue(brokerOrderId, out var working)
            ? working.Remaining < working.Order.Quantity ? OrderStatus.PartiallyFilled : OrderStatus.Submitted
            : _final.TryGetValue(brokerOrderId, out var final) ? final : null);

    public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(string accountId, CancellationToken cancellationToken)
    {
        var books = BooksFor(accountId);
        lock (books)
        {
            return Task.FromResult<IReadOnlyList<BrokerPosition>>(books.Positions
                .Where(p => p.Value.Quantity != 0)
                .Select(p => new BrokerPosition(p.Key, p.Value.Quantity, p.Value.AverageCost)).ToList());
        }
    }

    public Task<BrokerAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var books = BooksFor(accountId);
        lock (books)
        {
            return Task.FromResult(new BrokerAccount(accountId, books.Cash, Math.Max(books.Cash, 0m)));
        }
    }

    /// <summary>Rebuilds the books and the resting orders from ordersdb before the service takes orders.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RestoreAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    private async Task RestoreAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Fills)
            .Where(o => o.BrokerOrderId != null && o.BrokerOrderId.StartsWith(IdPrefix))
            .Where(o => o.Fills.Any() || o.Status == OrderStatus.Submitted || o.Status == OrderStatus.PartiallyFilled
                || o.Status == OrderStatus.CancelRequested)
            .ToListAsync(ct);
        var fills = orders.SelectMany(o => o.Fills.Select(f => (Order: o, Fill: f))).OrderBy(x => x.Fill.Time).ThenBy(x => x.Fill.FillId, StringComparer.Ordinal);
        foreach (var (order, fill) in fills)
        {
            Book(order.AccountId, order.Symbol, order.Side, order.Multiplier, fill.Quantity, fill.Price, fill.Fees);
        }

        foreach (var order in orders.Where(o => o.Status is OrderStatus.Submitted or OrderStatus.PartiallyFilled or OrderStatus.CancelRequested))
        {
            var working = new Working(new BrokerOrder(order.Id, order.AccountId, order.Symbol, order.Side, order.Type, order.TimeInForce,
                order.Quantity, order.LimitPrice, order.StopPrice, order.Multiplier), order.BrokerOrderId!)
            {
                Remaining = order.Quantity - order.Fills.Sum(f => f.Quantity),
                Fills = order.Fills.Count,
                // A stop that already filled in part had triggered.
                Triggered = order.Fills.Count > 0,
            };
            if (working.Remaining > 0)
            {
                _working[working.BrokerOrderId] = working;
            }
        }

        LogRestored(orders.Sum(o => o.Fills.Count), _working.Count);
    }

    /// <summary>Resting orders are re-examined on every tick until they fill, are cancelled or expire.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RestingCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var working in _working.Values)
            {
                try
                {
                    await TryExecuteAsync(working, firstLook: false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogExecutionFailed(working.BrokerOrderId, e.Message);
                }
            }
        }
    }

    private async Task TryExecuteAsync(Working working, bool firstLook)
    {
        var order = working.Order;
        Quote? quote;
        try
        {
            quote = await quotes.LatestQuoteAsync(order.Symbol);
        }
        catch (StackExchange.Redis.RedisException)
        {
            quote = null;
        }

        lock (working.Sync)
        {
            if (!_working.ContainsKey(working.BrokerOrderId))
            {
                return; // cancelled meanwhile
            }

            if (quote is null)
            {
                if (order.Type == OrderType.Market || order.TimeInForce == TimeInForce.Ioc)
                {
                    _working.TryRemove(working.BrokerOrderId, out _);
                    Finish(working, OrderStatus.Rejected, "no_quote");
                }

                return;
            }

            var price = ExecutablePrice(working, quote);
            if (price is null)
            {
                if (firstLook && order.TimeInForce == TimeInForce.Ioc)
                {
                    _working.TryRemove(working.BrokerOrderId, out _);
                    Finish(working, OrderStatus.Expired, "ioc_not_fillable");
                }

                return;
            }

            var quantity = StepQuantity(working.Remaining);
            Execute(working, quantity, price.Value);
            if (working.Remaining == 0)
            {
                _working.TryRemove(working.BrokerOrderId, out _);
                _final[working.BrokerOrderId] = OrderStatus.Filled;
            }
            else if (order.TimeInForce == TimeInForce.Ioc)
            {
                _working.TryRemove(working.BrokerOrderId, out _);
                Finish(working, OrderStatus.Expired, "ioc_remainder_cancelled");
            }
        }
    }

    /// <summary>The price this order can trade at against the quote now, or null when it must keep resting.</summary>
    private decimal? ExecutablePrice(Working working, Quote quote)
    {
        var order = working.Order;
        var buy = order.Side == OrderSide.Buy;
        var touch = buy ? quote.Ask : quote.Bid;
        if (touch <= 0)
        {
            return null;
        }

        if (order.Type is OrderType.Stop or OrderType.StopLimit && !working.Triggered)
        {
            // A buy stop triggers when the ask rises to the stop; a sell stop when the bid falls to it.
            working.Triggered = buy ? quote.Ask >= order.StopPrice : quote.Bid <= order.StopPrice;
            if (!working.Triggered)
            {
                return null;
            }
        }

        if (order.Type is OrderType.Market or OrderType.Stop)
        {
            var slippage = touch * options.Value.SlippageBps / 10_000m;
            return buy ? touch + slippage : touch - slippage;
        }

        // Limit (or triggered stop-limit): marketable when the touch is at or through the limit; price improvement goes to us.
        var limit = order.LimitPrice!.Value;
        return buy ? (touch <= limit ? touch : null) : (touch >= limit ? touch : null);
    }

    private decimal StepQuantity(decimal remaining)
    {
        var ratio = Math.Clamp(options.Value.FillRatio, 0.01m, 1m);
        var step = Math.Floor(remaining * ratio);
        return step <= 0 || step >= remaining ? remaining : step;
    }

    private void Execute(Working working, decimal quantity, decimal price)
    {
        var order = working.Order;
        var fees = quantity * options.Value.CommissionPerUnit;
        working.Remaining -= quantity;
        working.Fills++;
        Book(order.AccountId, order.Symbol, order.Side, order.Multiplier, quantity, price, fees);
        Publish(new BrokerFill(order.OrderId, working.BrokerOrderId, $"{working.BrokerOrderId}-F{working.Fills}",
            quantity, price, fees, time.GetUtcNow()));
    }

    private void Book(string accountId, string symbol, OrderSide side, decimal multiplier, decimal quantity, decimal price, decimal fees)
    {
        var books = BooksFor(accountId);
        lock (books)
        {
            var signed = side == OrderSide.Buy ? quantity : -quantity;
            books.Cash -= signed * price * multiplier + fees;
            books.Positions.TryGetValue(symbol, out var position);
            var newQuantity = position.Quantity + signed;
            var average = newQuantity == 0 ? 0m
                : Math.Sign(position.Quantity) == Math.Sign(signed) || position.Quantity == 0
                    ? (Math.Abs(position.Quantity) * position.AverageCost + quantity * price) / Math.Abs(newQuantity)
                    : Math.Sign(newQuantity) == Math.Sign(position.Quantity) ? position.AverageCost : price;
            books.Positions[symbol] = (newQuantity, average);
        }
    }

    private void Finish(Working working, OrderStatus status, string reason)
    {
        _final[working.BrokerOrderId] = status;
        Publish(new BrokerStatusUpdate(working.Order.OrderId, working.BrokerOrderId, status, NextSequence(), reason, time.GetUtcNow()));
    }

    private Books BooksFor(string accountId) => _books.GetOrAdd(accountId, _ => new Books(options.Value.StartingCash));

    private long NextSequence() => Interlocked.Increment(ref _eventSequence);

    private void Publish(BrokerEvent brokerEvent) => _events.Writer.TryWrite(brokerEvent);

    [LoggerMessage(LogLevel.Information, "Paper broker restored {Fills} fills and {Working} working orders from ordersdb")]
    private partial void LogRestored(int fills, int working);

    [LoggerMessage(LogLevel.Warning, "Paper order {BrokerOrderId} could not be examined: {Reason}")]
    private partial void LogExecutionFailed(string brokerOrderId, string reason);
}
