using System.Collections.Concurrent;
using System.Threading.Channels;
using AqTrading.Orders.Brokers.Paper;
using AqTrading.Orders.Domain;
using Microsoft.Extensions.Options;

namespace AqTrading.Orders.Brokers.Alpaca;

/// <summary>
/// The <see cref="IBrokerAdapter"/> the order lifecycle talks to: each account's orders, positions and account go to
/// the broker configured for it (<see cref="BrokerSelectionOptions"/>) — the paper broker unless an account is set
/// to <c>alpaca-paper</c> or <c>alpaca-live</c> — and every broker's events arrive on one stream, in each broker's order.
/// </summary>
public sealed partial class BrokerRouter : BackgroundService, IBrokerAdapter
{
    private readonly PaperBroker _paper;
    private readonly Dictionary<string, AlpacaBroker> _alpaca = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IBrokerAdapter> _routes = new(StringComparer.Ordinal);
    private readonly Channel<BrokerEvent> _events = Channel.CreateUnbounded<BrokerEvent>();
    private readonly ILogger<BrokerRouter> _logger;

    public BrokerRouter(PaperBroker paper, IOptions<BrokerSelectionOptions> selection, IHttpClientFactory httpClients,
        IServiceScopeFactory scopes, TimeProvider time, ILoggerFactory loggers)
    {
        _paper = paper;
        _logger = loggers.CreateLogger<BrokerRouter>();
        foreach (var (accountId, account) in selection.Value.Accounts)
        {
            var broker = selection.Value.BrokerOf(accountId);
            if (broker == BrokerSelectionOptions.Paper)
            {
                continue;
            }

            var live = broker == BrokerSelectionOptions.AlpacaLive;
            var alpaca = account.Alpaca;
            var client = new AlpacaTradingClient(httpClients.CreateClient(AlpacaTradingClient.HttpClientName), alpaca.TradingUri(live),
                alpaca.KeyId!, alpaca.SecretKey!);
            _alpaca[accountId] = new AlpacaBroker(accountId, live, alpaca, client, scopes, time, loggers.CreateLogger<AlpacaBroker>());
            LogAccountBroker(accountId, broker, alpaca.TradingUri(live).ToString());
        }
    }

    public string Name => "per-account";

    public ChannelReader<BrokerEvent> Events => _events.Reader;

    /// <summary>The Alpaca adapter of an account, or null when the account trades on the paper broker.</summary>
    public AlpacaBroker? AlpacaFor(string accountId) => _alpaca.GetValueOrDefault(accountId);

    public IBrokerAdapter For(string accountId) => _alpaca.TryGetValue(accountId, out var alpaca) ? alpaca : _paper;

    public async Task<string> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken)
    {
        var broker = For(order.AccountId);
        var brokerOrderId = await broker.SubmitAsync(order, cancellationToken);
        _routes[brokerOrderId] = broker;
        return brokerOrderId;
    }

    public async Task<bool> CancelAsync(string brokerOrderId, CancellationToken cancellationToken) =>
        await AskAsync(brokerOrderId, async broker => await broker.CancelAsync(brokerOrderId, cancellationToken) ? true : (bool?)null) ?? false;

    public Task<OrderStatus?> GetStatusAsync(string brokerOrderId, CancellationToken cancellationToken) =>
        AskAsync(brokerOrderId, broker => broker.GetStatusAsync(brokerOrderId, cancellationToken));

    public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(string accountId, CancellationToken cancellationToken) =>
        For(accountId).GetPositionsAsync(accountId, cancellationToken);

    public Task<BrokerAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        For(accountId).GetAccountAsync(accountId, cancellationToken);

    /// <summary>
    /// Asks the broker that took the order in this process. After a restart the routes are gone, so each broker is asked
    /// in turn until one knows the id (paper ids and Alpaca's UUIDs never collide); a broker that cannot be reached
    /// then does not stop the others from being asked, and its error surfaces only when no broker answered.
    /// </summary>
    private async Task<T?> AskAsync<T>(string brokerOrderId, Func<IBrokerAdapter, Task<T?>> ask) where T : struct
    {
        if (_routes.TryGetValue(brokerOrderId, out var known))
        {
            return await ask(known);
        }

        Exception? failure = null;
        foreach (var broker in (IEnumerable<IBrokerAdapter>)[_paper, .. _alpaca.Values])
        {
            try
            {
                if (await ask(broker) is { } answer)
                {
                    _routes[brokerOrderId] = broker;
                    return answer;
                }
            }
            catch (Exception e) when (e is AlpacaRequestException or HttpRequestException or TimeoutException
                                          or Polly.Timeout.TimeoutRejectedException)
            {
                failure = e;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }

        return null;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var work = new List<Task> { ForwardAsync(_paper, stoppingToken) };
        foreach (var alpaca in _alpaca.Values)
        {
            work.Add(ForwardAsync(alpaca, stoppingToken));
            work.Add(alpaca.RunAsync(stoppingToken));
        }

        return Task.WhenAll(work);
    }

    private async Task ForwardAsync(IBrokerAdapter broker, CancellationToken ct)
    {
        try
        {
            await foreach (var brokerEvent in broker.Events.ReadAllAsync(ct))
            {
                await _events.Writer.WriteAsync(brokerEvent, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Information, "Account {AccountId} trades through {Broker} at {BaseUrl}")]
    private partial void LogAccountBroker(string accountId, string broker, string baseUrl);
}
