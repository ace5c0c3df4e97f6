using System.Net;
using System.Text;
using AqTrading.Risk.Checks;

namespace AqTrading.Risk.IntegrationTests;

/// <summary>
/// Risk's cached view of an account (no servers: the portfolio is a handler that answers with the books' current
/// version and can be held, as a slow portfolio would be).
/// </summary>
public sealed class AccountSnapshotsTests
{
    [Fact]
    public async Task Checks_read_the_snapshot_in_place_while_bookings_wait_for_one_that_includes_them()
    {
        var portfolio = new FakePortfolio { Equity = 100m };
        var snapshots = new AccountSnapshots(portfolio);
        Assert.Equal(100m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        Assert.Equal(1, portfolio.AccountFetches);

        // A booking while the portfolio is slow: its fetch is under way and held.
        var released = new List<int>();
        portfolio.Hold();
        portfolio.Equity = 101m;
        snapshots.Booked("paper", () => Record(released, 1));
        await portfolio.WaitForHeldAsync();

        // Five more bookings land while that fetch is under way; the last one moves equity to 106.
        for (var booking = 2; booking <= 6; booking++)
        {
            portfolio.Equity = 100m + booking;
            var n = booking;
            snapshots.Booked("paper", () => Record(released, n));
        }

        // A check does not wait: it reads the snapshot in place, and no booking has been released (their fills stay
        // reserved in the ledger, so their exposure is still counted).
        var check = snapshots.GetAsync("paper", CancellationToken.None);
        Assert.True(check.IsCompleted);
        Assert.Equal(100m, (await check)!.Equity);
        Assert.Empty(Released(released));

        // The held fetch includes the first booking only (the follow-up, held in turn, has not ended)…
        portfolio.Hold();
        portfolio.Release();
        await portfolio.WaitForHeldAsync();
        await Eventually(() => Released(released).Count == 1);
        Assert.Equal([1], Released(released));
        Assert.Equal(101m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);

        // … and the other five share that one follow-up fetch, which started after all of them.
        portfolio.Release();
        await Eventually(() => Released(released).Count == 6);
        Assert.Equal([1, 2, 3, 4, 5, 6], Released(released));
        Assert.Equal(106m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        Assert.Equal(3, portfolio.AccountFetches);

        // Once that follow-up has started, a new booking needs (and gets) a fetch of its own.
        portfolio.Equity = 107m;
        snapshots.Booked("paper", () => Record(released, 7));
        await Eventually(() => Released(released).Count == 7);
        Assert.Equal(107m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        Assert.Equal(4, portfolio.AccountFetches);
    }

    [Fact]
    public async Task A_fetch_that_started_earlier_but_ends_later_does_not_put_older_books_back()
    {
        var portfolio = new FakePortfolio { Equity = 100m };
        var snapshots = new AccountSnapshots(portfolio);
        await snapshots.GetAsync("paper", CancellationToken.None);

        // The periodic refresh reads equity 100 and is held; a booking then moves equity to 90 and its fetch ends first.
        portfolio.Hold();
        var periodic = snapshots.RefreshAllAsync(CancellationToken.None);
        await portfolio.WaitForHeldAsync();
        portfolio.Equity = 90m;
        var released = new List<int>();
        snapshots.Booked("paper", () => Record(released, 1));
        await Eventually(() => Released(released).Count == 1);
        Assert.Equal(90m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);

        portfolio.Release();
        await periodic;
        Assert.Equal(90m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
    }

    [Fact]
    public async Task A_booking_stays_unreleased_while_the_portfolio_is_down_and_a_later_refresh_releases_it()
    {
        var portfolio = new FakePortfolio { Equity = 100m };
        var snapshots = new AccountSnapshots(portfolio);
        await snapshots.GetAsync("paper", CancellationToken.None);

        portfolio.Down = true;
        var released = new List<int>();
        snapshots.Booked("paper", () => Record(released, 1));
        await Eventually(() => portfolio.AccountFetches == 2);
        await snapshots.RefreshAllAsync(CancellationToken.None); // fails too: the last snapshot stays
        Assert.Empty(Released(released));
        Assert.Equal(100m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);

        portfolio.Down = false;
        portfolio.Equity = 95m;
        await snapshots.RefreshAllAsync(CancellationToken.None);
        Assert.Equal([1], Released(released));
        Assert.Equal(95m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
    }

    [Fact]
    public async Task The_first_read_of_an_account_waits_for_the_portfolio_and_a_failure_is_not_kept()
    {
        var portfolio = new FakePortfolio { Equity = 100m, Down = true };
        var snapshots = new AccountSnapshots(portfolio);
        await Assert.ThrowsAsync<PortfolioUnavailableException>(async () => await snapshots.GetAsync("paper", CancellationToken.None));

        portfolio.Down = false;
        Assert.Equal(100m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        Assert.Equal(2, portfolio.AccountFetches);
    }

    private static void Record(List<int> released, int booking)
    {
        lock (released)
        {
            released.Add(booking);
        }
    }

    private static List<int> Released(List<int> released)
    {
        lock (released)
        {
            return [.. released];
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Delay(10);
        }
    }

    /// <summary>The portfolio's account and positions endpoints; <see cref="Hold"/> keeps the next account request waiting
    /// until <see cref="Release"/>.</summary>
    private sealed class FakePortfolio : HttpMessageHandler, IHttpClientFactory
    {
        private readonly object _gate = new();
        private TaskCompletionSource? _hold; // for the next account request
        private TaskCompletionSource? _holding; // the one a request is waiting on
        private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously); // a request took _hold
        private int _accountFetches;

        public decimal Equity { get; set; }

        /// <summary>Account requests fail (503) while set.</summary>
        public bool Down { get; set; }

        public int AccountFetches => Volatile.Read(ref _accountFetches);

        public void Hold()
        {
            lock (_gate)
            {
                _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        /// <summary>Until a request is waiting on the latest <see cref="Hold"/>.</summary>
        public Task WaitForHeldAsync()
        {
            lock (_gate)
            {
                return _held.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        /// <summary>Lets the request that is waiting go on.</summary>
        public void Release()
        {
            lock (_gate)
            {
                _holding?.TrySetResult();
                _holding = null;
            }
        }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri("http://portfolio") };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/positions", StringComparison.Ordinal))
            {
                return Json("[]");
            }

            // The books as they are when the request arrives.
            decimal equity;
            TaskCompletionSource? hold;
            lock (_gate)
            {
                equity = Equity;
                hold = _hold;
                _hold = null;
                if (hold is not null)
                {
                    _holding = hold;
                    _held.TrySetResult();
                }
            }

            Interlocked.Increment(ref _accountFetches);
            if (Down)
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            if (hold is not null)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return Json($$"""{"id":"paper","equity":{{equity}},"buyingPower":{{equity}},"dayPnl":0,"peakEquity":{{equity}}}""");
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
