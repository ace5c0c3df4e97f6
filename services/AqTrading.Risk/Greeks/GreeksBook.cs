using System.Collections.Concurrent;
using AqTrading.Contracts.MarketData;
using AqTrading.Risk.Checks;
using AqTrading.Risk.Rules.Greeks;
using AqTrading.ServicePlatform.Quotes;
using Microsoft.Extensions.Options;

namespace AqTrading.Risk.Greeks;

/// <summary>
/// Every account's current Greeks, computed from the cached account snapshot (positions) and the latest Redis quotes
/// (<c>quote:{symbol}</c>, the option's own quote implying its volatility), and the prices and implied volatilities
/// they used — which the gate reads to value an order in microseconds. The monitor refreshes it in the background; a
/// refresh that fails (Redis down) keeps the previous Greeks, which then grow stale.
/// </summary>
public sealed class GreeksBook(AccountSnapshots accounts, QuoteReader quotes, IOptions<GreeksOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AccountGreeks> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MarketPrice> _prices = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, double> _impliedVols = new(StringComparer.OrdinalIgnoreCase);

    public GreeksSettings Settings { get; } = options.Value.Settings;

    public AccountGreeks? Current(string accountId) => _current.GetValueOrDefault(accountId);

    public IReadOnlyCollection<string> Accounts => accounts.Accounts;

    public MarketPrice? PriceOf(string symbol) => _prices.TryGetValue(symbol, out var price) ? price : null;

    public double? ImpliedVolOf(string optionSymbol) => _impliedVols.TryGetValue(optionSymbol, out var vol) ? vol : null;

    /// <summary>Recomputes an account's Greeks now.</summary>
    /// <returns>null when the portfolio does not know the account.</returns>
    /// <exception cref="PortfolioUnavailableException">The portfolio cannot be asked.</exception>
    /// <exception cref="StackExchange.Redis.RedisException">Redis cannot be reached.</exception>
    public async Task<AccountGreeks?> RefreshAsync(string accountId, CancellationToken ct)
    {
        if (await accounts.GetAsync(accountId, ct) is not { } account)
        {
            return null;
        }

        var positions = account.Positions.Select(p => new GreeksPosition(p.Symbol, p.StrategyId, (double)p.Quantity)).ToList();
        var prices = await LoadPricesAsync(PortfolioGreeks.SymbolsNeeded(positions));
        var greeks = PortfolioGreeks.Compute(accountId, positions, prices, Settings, time.GetUtcNow());
        foreach (var leg in greeks.Positions)
        {
            if (leg.VolatilitySource == "implied" && leg.Volatility is { } vol)
            {
                _impliedVols[leg.Symbol] = vol;
            }
        }

        _current[accountId] = greeks;
        return greeks;
    }

    /// <summary>Reads quotes the gate has not seen (an option on an underlying the account does not hold yet).</summary>
    public async Task EnsurePricesAsync(IReadOnlyCollection<string> symbols)
    {
        var missing = symbols.Where(s => !_prices.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            await LoadPricesAsync(missing);
        }
    }

    private async Task<Dictionary<string, MarketPrice>> LoadPricesAsync(IReadOnlyCollection<string> symbols)
    {
        var prices = new Dictionary<string, MarketPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (symbol, quote) in await quotes.LatestQuotesAsync(symbols))
        {
            if (PriceOf(quote) is { } price)
            {
                prices[symbol] = price;
                _prices[symbol] = price;
            }
        }

        return prices;
    }

    /// <summary>The mid when both sides are quoted, else the last trade.</summary>
    public static MarketPrice? PriceOf(Quote quote)
    {
        if (quote is { Bid: > 0, Ask: > 0 } && quote.Ask >= quote.Bid)
        {
            return new MarketPrice((double)quote.Mid, quote.Time);
        }

        return quote.Last is > 0 ? new MarketPrice((double)quote.Last.Value, quote.Time) : null;
    }
}
