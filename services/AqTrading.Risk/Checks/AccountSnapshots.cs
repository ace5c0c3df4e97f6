using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AqTrading.Risk.Rules;

namespace AqTrading.Risk.Checks;

/// <summary>The portfolio could not be asked about an account: checks fail closed.</summary>
public sealed class PortfolioUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Accounts as risk sees them, cached in memory so a check costs microseconds. A miss asks the portfolio service
/// (account and positions); a booked fill (PositionChanged) starts a refresh at once, so the next check finds the new
/// books ready. Fetches are not tied to the request that needed them: when an order's risk budget runs out mid-fetch,
/// the retry finds the fetch finished or still under way instead of starting over.
/// </summary>
public sealed class AccountSnapshots(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "portfolio";
    private readonly ConcurrentDictionary<string, Task<AccountSnapshot?>> _cache = new(StringComparer.Ordinal);

    /// <summary>Accounts with a follow-up fetch queued behind the one under way (see <see cref="Refresh"/>).</summary>
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);

    public async ValueTask<AccountSnapshot?> GetAsync(string accountId, CancellationToken ct)
    {
        var fetch = _cache.GetOrAdd(accountId, id => FetchAsync(id));
        try
        {
            return await fetch.WaitAsync(ct);
        }
        catch (PortfolioUnavailableException)
        {
            // Do not cache a failure: the next check asks again.
            _cache.TryRemove(new KeyValuePair<string, Task<AccountSnapshot?>>(accountId, fetch));
            throw;
        }
    }

    /// <summary>The accounts risk has seen (primed at start or asked about since).</summary>
    public IReadOnlyCollection<string> Accounts => _cache.Keys.ToList();

    /// <summary>
    /// The account's books changed: the next check waits for a fetch that starts after this call. A burst of bookings
    /// shares one: while a fetch is under way, the bookings that arrive meanwhile queue a single follow-up fetch, which
    /// starts when the current one ends (so it reads every one of them); until then, a booking finds it queued and
    /// adds nothing. One fill per order costs the portfolio one fetch per booking round, not two requests per fill.
    /// </summary>
    public void Refresh(string accountId)
    {
        lock (_queued)
        {
            if (_queued.Contains(accountId))
            {
                return;
            }

            if (_cache.TryGetValue(accountId, out var current) && !current.IsCompleted)
            {
                _queued.Add(accountId);
                _cache[accountId] = FetchAfterAsync(current, accountId);
            }
            else
            {
                _cache[accountId] = FetchAsync(accountId);
            }
        }
    }

    private async Task<AccountSnapshot?> FetchAfterAsync(Task<AccountSnapshot?> current, string accountId)
    {
        try
        {
            await current;
        }
        catch (PortfolioUnavailableException)
        {
            // The follow-up asks again regardless.
        }

        lock (_queued)
        {
            // From here on this fetch reads the books as they are now; a later booking needs a fetch of its own.
            _queued.Remove(accountId);
        }

        return await FetchAsync(accountId);
    }

    /// <summary>
    /// Marks move without any booking, and with them equity, day P&amp;L and drawdown: every cached account is fetched
    /// again; until a fetch completes, checks keep using the previous snapshot.
    /// </summary>
    public async Task RefreshAllAsync(CancellationToken ct)
    {
        foreach (var (accountId, current) in _cache.ToArray())
        {
            try
            {
                var fresh = await FetchAsync(accountId).WaitAsync(ct);
                _cache.TryUpdate(accountId, Task.FromResult(fresh), current);
            }
            catch (PortfolioUnavailableException)
            {
                // Keep the last snapshot; the next round tries again.
            }
        }
    }

    /// <summary>Loads every account the portfolio knows, so the first order of each does not wait for a fetch.</summary>
    /// <returns>The accounts loaded.</returns>
    public async Task<IReadOnlyList<string>> PrimeAsync(CancellationToken ct)
    {
        var accounts = await httpClients.CreateClient(HttpClientName).GetFromJsonAsync<List<AccountDto>>("/api/portfolio/accounts", ct) ?? [];
        foreach (var account in accounts)
        {
            Refresh(account.Id);
        }

        await Task.WhenAll(_cache.Values).WaitAsync(ct);
        return accounts.Select(a => a.Id).ToList();
    }

    private sealed record AccountDto(string Id, decimal Equity, decimal BuyingPower, decimal DayPnl, decimal PeakEquity);

    private sealed record PositionDto(string Symbol, string? StrategyId, decimal Quantity, decimal MarketValue);

    private async Task<AccountSnapshot?> FetchAsync(string accountId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ct = timeout.Token;
        try
        {
            var portfolio = httpClients.CreateClient(HttpClientName);
            var id = Uri.EscapeDataString(accountId);
            using var accountResponse = await portfolio.GetAsync($"/api/portfolio/accounts/{id}", ct);
            if (accountResponse.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            accountResponse.EnsureSuccessStatusCode();
            var account = (await accountResponse.Content.ReadFromJsonAsync<AccountDto>(ct))!;
            var positions = await portfolio.GetFromJsonAsync<List<PositionDto>>($"/api/portfolio/accounts/{id}/positions", ct) ?? [];
            return new AccountSnapshot(account.Id, account.Equity, account.BuyingPower, account.DayPnl, account.PeakEquity,
                positions.Select(p => new PositionSnapshot(p.Symbol, p.StrategyId, p.Quantity, p.MarketValue)).ToList());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            throw new PortfolioUnavailableException($"The portfolio could not be asked about account {accountId}: {e.Message}", e);
        }
    }
}
