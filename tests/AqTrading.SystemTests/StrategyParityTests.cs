using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.Catalog;
using AqTrading.Strategies.Engine.Replay;

namespace AqTrading.SystemTests;

/// <summary>
/// The same strategy on the same bars, through the backtest path (the engine's bar replay, in this process) and through
/// the live path (market-data replay → Redis → strategies → orders → risk → paper broker → fill → OnFill), yields the
/// same signals in the same order, and the live orders fill.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class StrategyParityTests(SystemFixture system) : IAsyncLifetime
{
    private static readonly DateTimeOffset Origin = new(2026, 2, 2, 14, 30, 0, TimeSpan.Zero);
    private readonly string _symbol = $"P{Guid.NewGuid():N}"[..6].ToUpperInvariant();
    private readonly string _strategyId = $"parity-{Guid.NewGuid():N}"[..20];

    public Task InitializeAsync() => system.EnsureTradingAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Live_signals_match_the_backtest_path_and_their_orders_fill()
    {
        // Flat, a rise (golden cross), a fall (death cross), a rise again.
        decimal[] closes = [50, 50, 50, 50, 50, 51, 52, 53, 52, 50, 49, 48, 49, 51, 53, 54];
        var bars = closes.Select((c, i) => new Bar(_symbol, "1m", Origin.AddMinutes(i), Origin.AddMinutes(i + 1), c, c + 0.2m, c - 0.2m, c, 10_000 + i))
            .ToList();
        var parameters = JsonSerializer.SerializeToElement(new { fastWindow = 2, slowWindow = 4, quantity = 3 });

        var backtest = BarReplay.Run(
            StrategyCatalog.Create(new StrategySpec(_strategyId, "sma_crossover", [_symbol], parameters)).Strategy!, bars);
        Assert.True(backtest.Signals.Count >= 3, $"the bar sequence should trade a few times, got {backtest.Signals.Count}");

        var created = await system.Gateway.PostAsJsonAsync("/api/strategies", new
        {
            id = _strategyId, kind = "sma_crossover", accountId = "paper", symbols = new[] { _symbol }, parameters, enabled = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Pub/sub keeps nothing for late listeners, and the replay stores its bars before publishing them (history the
        // warm-up would load): replay once the runner has loaded its history and subscribed.
        await Eventually.TrueAsync(async () =>
            (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/strategies/{_strategyId}")).GetProperty("runtime").GetProperty("listening").GetBoolean());

        var replay = await system.Gateway.PostAsJsonAsync("/api/market/replay", new
        {
            bars = bars.Select(b => new { symbol = b.Symbol, resolution = b.Resolution, start = b.Start, open = b.Open, high = b.High, low = b.Low, close = b.Close, volume = b.Volume }),
            intervalMs = 50,
        });
        Assert.True(replay.IsSuccessStatusCode, $"replay answered {(int)replay.StatusCode}: {await replay.Content.ReadAsStringAsync()}");

        // Each market order's fill is awaited before the next bar (paper latency ~100 ms per order), so allow a minute.
        JsonElement live = default;
        string seen = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/strategies/{_strategyId}/signals?limit=100");
            var strategy = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/strategies/{_strategyId}");
            seen = $"strategy {strategy}\nsignals {page}";
            if (strategy.GetProperty("runtime").GetProperty("barsProcessed").GetInt32() == bars.Count
                && page.GetProperty("items").GetArrayLength() >= backtest.Signals.Count)
            {
                live = page;
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the live run did not process every bar within 60 s; last seen:\n{seen}");
            await Task.Delay(250);
        }

        var liveSignals = live.GetProperty("items").EnumerateArray().Reverse().ToList(); // oldest first
        Assert.Equal(
            backtest.Signals.Select(s => (s.Signal.Id, s.Signal.Side.ToString().ToLowerInvariant(), s.Signal.Quantity, s.Signal.Time, s.Signal.Reason)),
            liveSignals.Select(s => (s.GetProperty("id").GetGuid(), s.GetProperty("side").GetString()!, s.GetProperty("quantity").GetDecimal(),
                s.GetProperty("time").GetDateTimeOffset(), s.GetProperty("reason").GetString()!)));

        foreach (var signal in liveSignals)
        {
            Assert.Null(signal.GetProperty("error").GetString());
            // The signal is stored before its order is sent, and the order's id recorded after: wait for it.
            var signalId = signal.GetProperty("id").GetGuid();
            var orderId = Guid.Empty;
            await Eventually.TrueAsync(async () =>
            {
                var items = (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/strategies/{_strategyId}/signals?limit=100")).GetProperty("items");
                var current = items.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == signalId).GetProperty("orderId");
                orderId = current.ValueKind == JsonValueKind.String ? current.GetGuid() : Guid.Empty;
                return orderId != Guid.Empty;
            });
            await Eventually.TrueAsync(async () =>
                (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}")).GetProperty("status").GetString() == "filled");
        }

        // Every fill reached the strategy: its own position is the backtest's.
        var expected = backtest.Positions.SingleOrDefault()?.Quantity ?? 0m;
        await Eventually.TrueAsync(async () =>
        {
            var positions = (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/strategies/{_strategyId}")).GetProperty("runtime").GetProperty("positions");
            var quantity = positions.EnumerateArray().Where(p => p.GetProperty("symbol").GetString() == _symbol).Sum(p => p.GetProperty("quantity").GetDecimal());
            return quantity == expected;
        });

        // The definition is in the audit trail: who created it, with its parameters.
        var audited = await Eventually.ValueAsync(async () =>
            (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/audit?eventType=config.changed&resourceId=strategies:strategy:{_strategyId}"))
            .GetProperty("entries").EnumerateArray().Cast<JsonElement?>().FirstOrDefault());
        Assert.Equal("admin", audited.GetProperty("actorId").GetString());
        Assert.Contains("fastWindow", audited.GetProperty("details").GetString());
    }
}
