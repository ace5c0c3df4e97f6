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
    public async Task Bookings_during_a_fetch_share_one_follow_up_fetch_that_reads_all_of_them()
    {
        var portfolio = new FakePortfolio { Equity = 100m };
        var snapshots = new AccountSnapshots(portfolio);
        Assert.Equal(100m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        Assert.Equal(1, portfolio.AccountFetches);

        // A booking while the portfolio is slow: its fetch is under way and held.
        portfolio.Hold();
        portfolio.Equity = 101m;
        snapshots.Refresh("paper");
        await portfolio.WaitForHeldAsync();

        // Five more bookings land while that fetch is under way; the last one moves equity to 106.
        for (var booking = 2; booking <= 6; booking++)
        {
            portfolio.Equity = 100m + booking;
            snapshots.Refresh("paper");
        }

        var check = snapshots.GetAsync("paper", CancellationToken.None).AsTask();
        Assert.False(check.IsCompleted);
        portfolio.Release();

        // The check waits for the fetch that started after the last booking, not for the one under way.
        Assert.Equal(106m, (await check)!.Equity);
        Assert.Equal(3, portfolio.AccountFetches);

        // Once that follow-up has started, a new booking needs (and gets) a fetch of its own.
        portfolio.Equity = 107m;
        snapshots.Refresh("paper");
        Assert.Equal(107m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        Assert.Equal(4, portfolio.AccountFetches);
    }

    [Fact]
    public async Task A_booking_after_a_finished_fetch_fetches_at_once()
    {
        var portfolio = new FakePortfolio { Equity = 100m };
        var snapshots = new AccountSnapshots(portfolio);
        await snapshots.GetAsync("paper", CancellationToken.None);

        portfolio.Equity = 90m;
        snapshots.Refresh("paper");
        Assert.Equal(90m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        portfolio.Equity = 80m;
        snapshots.Refresh("paper");
        Assert.Equal(80m, (await snapshots.GetAsync("paper", CancellationToken.None))!.Equity);
        Assert.Equal(3, portfolio.AccountFetches);
    }

    /// <summary>The portfolio's account and positions endpoints; <see cref="Hold"/> keeps the next account request waiting.</summary>
    private sealed class FakePortfolio : HttpMessageHandler, IHttpClientFactory
    {
        private readonly object _gate = new();
        private TaskCompletionSource? _hold;
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _accountFetches;

        public decimal Equity { get; set; }

        public int AccountFetches => Volatile.Read(ref _accountFetches);

        public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WaitForHeldAsync() => _held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void Release() => _hold?.TrySetResult();

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
            }

            Interlocked.Increment(ref _accountFetches);
            if (hold is not null)
            {
                _held.TrySetResult();
                await hold.Task.WaitAsync(cancellationToken);
            }

            return Json($$"""{"id":"paper","equity":{{equity}},"buyingPower":{{equity}},"dayPnl":0,"peakEquity":{{equity}}}""");
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
