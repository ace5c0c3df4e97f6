using AqTrading.Risk.Checks;
using AqTrading.Risk.Rules;
using AqTrading.Risk.Rules.Greeks;
using Microsoft.Extensions.Options;

namespace AqTrading.Risk.Greeks;

/// <summary>
/// The Greeks step of the pre-trade check: reads the account's cached Greeks and limits, values the order's own
/// contract on cached prices and decides with <see cref="GreeksGate"/>. Only the first order of an account (or of
/// an underlying never seen) waits for a computation or a quote read; every later one is in-memory.
/// </summary>
public sealed partial class GreeksGuard(GreeksBook book, GreeksLimitsCache limits, IOptions<GreeksOptions> options, TimeProvider time,
    ILogger<GreeksGuard> logger)
{
    // The orders service gives a whole risk check 250 ms: a first computation that takes longer (Redis or the portfolio
    // slow) is not waited for; the order meets "unavailable" and the computation still fills the cache for the next.
    private static readonly TimeSpan FirstComputationBudget = TimeSpan.FromMilliseconds(100);

    private readonly GreeksGateSettings _settings = options.Value.Gate;

    public async Task<GreeksGateResult> CheckAsync(OrderIntent intent, CancellationToken ct)
    {
        var current = book.Current(intent.AccountId);
        var underlying = OrderGreeks.UnderlyingOf(intent.Symbol);
        try
        {
            if (current is null)
            {
                current = await book.RefreshAsync(intent.AccountId, ct).WaitAsync(FirstComputationBudget, ct);
            }

            if (underlying is not null && book.PriceOf(underlying) is null)
            {
                await book.EnsurePricesAsync([underlying, intent.Symbol]).WaitAsync(FirstComputationBudget, ct);
            }
        }
        catch (Exception e) when (e is PortfolioUnavailableException or StackExchange.Redis.RedisException or TimeoutException)
        {
            LogUnavailable(intent.AccountId, e.Message);
        }

        var impact = OrderGreeks.Impact(intent.Symbol, (double)intent.SignedQuantity, (double)intent.Multiplier, (double)intent.Price,
            underlying is null ? null : book.PriceOf(underlying)?.Price, book.ImpliedVolOf(intent.Symbol), book.Settings, time.GetUtcNow());
        return GreeksGate.Evaluate(current?.Account, impact, await limits.ForAsync(intent.AccountId, ct), _settings, time.GetUtcNow());
    }

    [LoggerMessage(LogLevel.Warning, "Greeks for account {AccountId} could not be computed for the gate: {Reason}")]
    private partial void LogUnavailable(string accountId, string reason);
}
