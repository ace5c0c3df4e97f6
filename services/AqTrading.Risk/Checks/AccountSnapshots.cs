using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AqTrading.Risk.Rules;

namespace AqTrading.Risk.Checks;

/// <summary>The portfolio could not be asked about an account: checks fail closed.</summary>
public sealed class PortfolioUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Accounts as risk sees them, cached in memory so a check costs microseconds and never waits for the portfolio once an
/// account has been read: a check reads the latest snapshot in place, and a booked fill keeps its exposure reserved in
/// the ledger until a snapshot that includes it is in place (<see cref="Booked"/>), so no moment counts a fill neither in
/// the positions nor in the reservations. Only an account's first read waits for the portfolio.
/// </summary>
/// <remarks>
/// One clock orders bookings and fetches: a booking takes the next tick, a fetch notes the clock when it starts, and a
/// fetch that started at tick t reads books that include every booking up to t (the portfolio publishes a booking only
/// after committing it). A snapshot replaces the one in place only if its fetch started later, so a slow fetch that ends
/// last never puts older books back. Fetches are not tied to the request that needed them: when an order's risk budget
/// runs out mid-fetch, the retry finds the fetch finished or still under way instead of starting over.
/// </remarks>
public sealed class AccountSnapshots(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "portfolio";
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private long _clock;

    public async ValueTask<AccountSnapshot?> GetAsync(string accountId, CancellationToken ct)
    {
        var account = _accounts.GetOrAdd(accountId, id => new Account(id));
        Task<AccountSnapshot?> first;
        lock (account)
        {
            if (account.Known)
            {
                return account.Snapshot;
            }

            // Never read: wait for a fetch (the one under way, or a new one). A failure is not kept: the next check asks again.
            first = account.Fetch is { IsCompleted: false } running ? running : account.Fetch = FetchAsync(account);
        }

        return await first.WaitAsync(ct);
    }

    /// <summary>The accounts risk has seen (primed at start or asked about since).</summary>
    public IReadOnlyCollection<string> Accounts => _accounts.Keys.ToList();

    /// <summary>
    /// The portfolio booked a fill of the account: <paramref name="included"/> runs once a snapshot fetched after this call
    /// is in place (the caller then releases the fill's reservation), and such a fetch is started. A burst of bookings
    /// shares one: while a fetch is under way, the bookings that arrive meanwhile queue a single follow-up fetch, which
    /// starts when the current one ends (so it reads every one of them). If the portfolio cannot be reached, the fill stays
    /// reserved until a later fetch — the periodic <see cref="RefreshAllAsync"/> at the latest — succeeds.
    /// </summary>
    public void Booked(string accountId, Action included)
    {
        var account = _accounts.GetOrAdd(accountId, id => new Account(id));
        lock (account)
        {
            account.Pending.Add((Interlocked.Increment(ref _clock), included));
            if (account.FollowUpQueued)
            {
                return; // the queued fetch starts after this booking and reads it
            }

            if (account.Fetch is { IsCompleted: false } running)
            {
                account.FollowUpQueued = true;
                account.Fetch = FetchAfterAsync(running, account);
            }
            else
            {
                account.Fetch = FetchAsync(account);
            }
        }
    }

    private async Task<AccountSnapshot?> FetchAfterAsync(Task<AccountSnapshot?> current, Account account)
    {
        try
        {
            await current;
        }
        catch (PortfolioUnavailableException)
        {
            // The follow-up asks again regardless.
        }

        lock (account)
        {
            // From here on this fetch reads the books as they are now; a later booking needs a fetch of its own.
            account.FollowUpQueued = false;
        }

        return await FetchAsync(account);
    }

    /// <summary>
    /// Marks move without any booking, and with them equity, day P&amp;L and drawdown: every known account is fetched
    /// again; until a fetch completes, checks keep using the previous snapshot.
    /// </summary>
    public async Task RefreshAllAsync(CancellationToken ct)
    {
        foreach (var account in _accounts.Values.ToArray())
        {
            try
            {
                await FetchAsync(account).WaitAsync(ct);
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
        var listed = await httpClients.CreateClient(HttpClientName).GetFromJsonAsync<List<AccountDto>>("/api/portfolio/accounts", ct) ?? [];
        await Task.WhenAll(listed.Select(a => FetchAsync(_accounts.GetOrAdd(a.Id, id => new Account(id))))).WaitAsync(ct);
        return listed.Select(a => a.Id).ToList();
    }

    /// <summary>Reads the account from the portfolio and puts the snapshot in place unless a later-started fetch already
    /// did; then runs what waited for the bookings the fetch includes.</summary>
    private async Task<AccountSnapshot?> FetchAsync(Account account)
    {
        var started = Interlocked.Read(ref _clock);
        var snapshot = await ReadAsync(account.Id);
        List<Action> included = [];
        lock (account)
        {
            if (started >= account.SnapshotStarted)
            {
                account.Snapshot = snapshot;
                account.SnapshotStarted = started;
            }

            // Bookings up to `started` are in the snapshot in place (this one, or a later-started one).
            account.Pending.RemoveAll(p =>
            {
                if (p.Stamp > started)
                {
                    return false;
                }

                included.Add(p.Included);
                return true;
            });
        }

        foreach (var release in included)
        {
            release();
        }

        return snapshot;
    }

    private sealed record AccountDto(string Id, decimal Equity, decimal BuyingPower, decimal DayPnl, decimal PeakEquity);

    private sealed record PositionDto(string Symbol, string? StrategyId, decimal Quantity, decimal MarketValue);

    private async Task<AccountSnapshot?> ReadAsync(string accountId)
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

    /// <summary>One account's cached state; every field is read and written under a lock on the object.</summary>
    private sealed class Account(string id)
    {
        public string Id { get; } = id;

        /// <summary>Whether a snapshot (or the portfolio's answer that the account does not exist: null) is in place.</summary>
        public bool Known => SnapshotStarted >= 0;

        public AccountSnapshot? Snapshot { get; set; }

        /// <summary>The clock when the fetch of the snapshot in place started; −1 while none is.</summary>
        public long SnapshotStarted { get; set; } = -1;

        /// <summary>The latest fetch started by a first read or a booking (not the periodic ones).</summary>
        public Task<AccountSnapshot?>? Fetch { get; set; }

        /// <summary>A follow-up fetch is queued behind <see cref="Fetch"/>'s predecessor and has not started reading yet.</summary>
        public bool FollowUpQueued { get; set; }

        /// <summary>Bookings not yet in the snapshot in place: their clock tick, and what waits for them.</summary>
        public List<(long Stamp, Action Included)> Pending { get; } = [];
    }
}
