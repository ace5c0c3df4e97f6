using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Bars;
using AqTrading.MarketData.Quotes;
using StackExchange.Redis;

namespace AqTrading.MarketData.Replay;

/// <summary>
/// Replays a bar sequence as if it were live: stores every bar first (one transaction, upsert), then for each bar in
/// the given order sets the symbol's latest quote at its close — bid close − 0.01, ask close + 0.01 (bid = close when
/// the close is at most 0.01), last = close, sizes 0, event time = the bar's end — and then publishes the bar on
/// <c>bars:{resolution}:{SYMBOL}</c>, waiting <c>intervalMs</c> between bars. The quote comes first so that a strategy
/// acting on the bar finds a quote to trade at. One replay runs at a time, so two replays never interleave, and the
/// call returns after the last bar is published.
/// </summary>
public sealed class Replayer(BarStore store, QuoteStore quotes, BarPublisher publisher, TimeProvider time)
{
    private const decimal HalfSpread = 0.01m;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static Quote QuoteAt(Bar bar) =>
        new(bar.Symbol, bar.Close > HalfSpread ? bar.Close - HalfSpread : bar.Close, bar.Close + HalfSpread, bar.Close, 0, 0, bar.End);

    /// <returns>How many bars were published before Redis failed (all of them when it did not).</returns>
    /// <exception cref="RedisException">Redis failed part way; the exception's data holds nothing more.</exception>
    public async Task<int> ReplayAsync(IReadOnlyList<Bar> bars, TimeSpan interval, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await store.UpsertAsync(bars, ct);
            var published = 0;
            foreach (var bar in bars)
            {
                if (published > 0 && interval > TimeSpan.Zero)
                {
                    await Task.Delay(interval, time, ct);
                }

                var quote = QuoteAt(bar);
                quotes.Remember(quote);
                await quotes.WriteAsync(quote);
                await publisher.PublishAsync(bar);
                published++;
            }

            return published;
        }
        finally
        {
            _gate.Release();
        }
    }
}
