using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;
using AqTrading.MarketData.Core.Feed;
using AqTrading.MarketData.Quotes;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.Catalog;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

// Market data and the strategy hot path. Usage (other ./aq bench options are ignored):
//   dotnet run -c Release --project bench/AqTrading.MarketData.Benchmarks -- [--quotes 100000] [--list]
// 1. Feed → Redis: the simulated market's quotes written the way the service's QuoteFanOut drains its queue (one
//    QuoteStore.WriteAsync at a time: SET quote:{symbol} + PUBLISH quotes:{symbol}), against a real redis-server started
//    for the run; a second connection subscribed to quotes:* counts what arrives and times each quote from write to receipt.
// 2. Tick to signal: every tick through the 1-minute bar aggregator, every completed bar through a strategy
//    (SMA crossover 5/20 via StrategyDriver, as the live runner calls it); latency of the ticks that complete a bar.
const string Name = "AqTrading.MarketData.Benchmarks.FeedAndSignals";
if (args.Contains("--list"))
{
    Console.WriteLine(Name);
    return 0;
}

var quotes = ArgValue("--quotes", 100_000);
var symbols = Enumerable.Range(0, 50).Select(i => new FeedSymbol($"S{i:D2}", Scenario.Volatile, 50m + i)).ToList();

await using (var redis = await RedisServer.StartAsync())
{
    await FeedToRedisAsync(redis.ConnectionString, symbols, quotes);
}

TickToSignal(symbols.Take(3).ToList(), ticksPerSymbol: 240 * 2_000); // 250 ms ticks: 2,000 one-minute bars a symbol
return 0;

int ArgValue(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}

static async Task FeedToRedisAsync(string connectionString, IReadOnlyList<FeedSymbol> symbols, int count)
{
    using var writer = await ConnectionMultiplexer.ConnectAsync(connectionString);
    using var reader = await ConnectionMultiplexer.ConnectAsync(connectionString);
    var store = new QuoteStore(writer, NullLogger<QuoteStore>.Instance);

    var sent = new ConcurrentDictionary<(string, DateTimeOffset), long>();
    var latencies = new List<double>(count);
    var received = 0;
    var done = new TaskCompletionSource();
    var queue = await reader.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("quotes:*"));
    queue.OnMessage(message =>
    {
        var now = Stopwatch.GetTimestamp();
        var quote = JsonSerializer.Deserialize<Quote>(message.Message.ToString(), QuoteStore.Json)!;
        if (sent.TryRemove((quote.Symbol, quote.Time), out var at))
        {
            latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMicroseconds);
        }

        if (Interlocked.Increment(ref received) == count)
        {
            done.TrySetResult();
        }
    });

    var market = new SimulatedMarket(symbols, seed: 42);
    var ticks = new List<Quote>(count);
    for (var time = DateTimeOffset.UnixEpoch; ticks.Count < count; time = time.AddMilliseconds(250))
    {
        ticks.AddRange(market.Step(time).Select(t => t.ToQuote()).Take(count - ticks.Count));
    }

    var clock = Stopwatch.StartNew();
    foreach (var quote in ticks)
    {
        sent[(quote.Symbol, quote.Time)] = Stopwatch.GetTimestamp();
        await store.WriteAsync(quote);
    }

    var written = clock.Elapsed;
    await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(30)));
    var allReceived = clock.Elapsed;
    await queue.UnsubscribeAsync();

    latencies.Sort();
    Console.WriteLine();
    Console.WriteLine($"Feed → Redis: {count:N0} quotes of {symbols.Count} symbols, one writer awaiting each write (as QuoteFanOut)");
    Console.WriteLine("| Measure | Value |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine($"| quotes written to Redis (SET + PUBLISH) per second | {count / written.TotalSeconds:N0} |");
    Console.WriteLine($"| quotes received by a quotes:* subscriber per second | {received / allReceived.TotalSeconds:N0} |");
    Console.WriteLine($"| received / written | {received:N0} / {count:N0} |");
    Console.WriteLine($"| write → subscriber receipt p50 (µs) | {Percentile(latencies, 50):N0} |");
    Console.WriteLine($"| write → subscriber receipt p99 (µs) | {Percentile(latencies, 99):N0} |");
}

static void TickToSignal(IReadOnlyList<FeedSymbol> symbols, int ticksPerSymbol)
{
    var spec = new StrategySpec("bench-sma", StrategyCatalog.SmaCrossover, symbols.Select(s => s.Symbol).ToList(),
        JsonDocument.Parse("""{"fastWindow": 5, "slowWindow": 20, "quantity": 10}""").RootElement);
    var creation = StrategyCatalog.Create(spec);
    if (!creation.Succeeded)
    {
        throw new InvalidOperationException(string.Join("; ", creation.Errors.SelectMany(e => e.Value)));
    }

    var driver = new StrategyDriver(creation.Strategy!, "bench");
    driver.Start();
    var aggregator = new BarAggregator([Resolutions.Minute], TimeSpan.Zero);
    var market = new SimulatedMarket(symbols, seed: 7);
    var barTicks = new List<double>();
    var otherTicks = new List<double>();
    long bars = 0, signals = 0;
    var time = DateTimeOffset.UnixEpoch;
    for (var step = 0; step < ticksPerSymbol; step++, time = time.AddMilliseconds(250))
    {
        foreach (var tick in market.Step(time))
        {
            var start = Stopwatch.GetTimestamp();
            var completed = aggregator.Add(tick.Symbol, tick.Time, tick.Price, tick.Volume);
            foreach (var bar in completed)
            {
                bars++;
                signals += driver.OnBar(bar)?.Signals.Count ?? 0;
            }

            (completed.Count > 0 ? barTicks : otherTicks).Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    // The first bars warm the JIT and the strategy (warm-up suppresses their signals): leave out the first 5 %.
    barTicks = barTicks.Skip(barTicks.Count / 20).Order().ToList();
    otherTicks = otherTicks.Skip(otherTicks.Count / 20).Order().ToList();
    Console.WriteLine();
    Console.WriteLine($"Tick → bar → signal, in process: {symbols.Count} symbols, 250 ms ticks, 1-minute bars, SMA crossover 5/20; "
        + $"{bars:N0} bars, {signals:N0} signals");
    Console.WriteLine("| Tick | Count | p50 (µs) | p99 (µs) | max (µs) |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Console.WriteLine($"| completes a bar (aggregate + strategy) | {barTicks.Count:N0} | {Percentile(barTicks, 50):N2} | {Percentile(barTicks, 99):N2} | {barTicks[^1]:N2} |");
    Console.WriteLine($"| within a bar (aggregate only) | {otherTicks.Count:N0} | {Percentile(otherTicks, 50):N2} | {Percentile(otherTicks, 99):N2} | {otherTicks[^1]:N2} |");
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

/// <summary>A throw-away redis-server (Debian package) on a free loopback port, without persistence.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        _ = process.StandardOutput.ReadToEndAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new RedisServer(process, port);
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
