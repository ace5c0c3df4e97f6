using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using AqTrading.Contracts.Operations;
using AqTrading.Contracts.Orders;
using AqTrading.Strategies.Data;
using AqTrading.Strategies.Registry;
using AqTrading.Testing;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AqTrading.Strategies.IntegrationTests;

[CollectionDefinition(nameof(ServersCollection))]
public sealed class ServersCollection : ICollectionFixture<LocalServers>;

/// <summary>
/// The strategies service in-process against real PostgreSQL, Redis and RabbitMQ; only its HTTP peers (orders,
/// market-data history) are stubs. Bars arrive on the real Redis channels, fills over the real bus.
/// </summary>
[Collection(nameof(ServersCollection))]
public sealed class StrategiesServiceTests(LocalServers servers) : IAsyncLifetime
{
    private static readonly DateTimeOffset Origin = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);
    private readonly string _symbol = $"S{Guid.NewGuid():N}"[..7].ToUpperInvariant();
    private readonly OrdersStub _orders = new();
    private readonly MarketDataStub _marketData = new();
    private readonly AuditFailure _auditFailure = new();
    private WebApplicationFactory<Program> _service = null!;
    private HttpClient _http = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        await StartServiceAsync(new Dictionary<string, string?>());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Bars_on_the_redis_channel_drive_a_strategy_whose_signals_become_orders_with_a_stable_idempotency_key()
    {
        await CreateAsync("mom-live", "momentum", new { lookbackPeriod = 2, threshold = 0.01, positionSize = 5 });
        // The first attempt fails (503): the resilience handler retries with the same key.
        _orders.FailNext(1);
        await ListeningAsync("mom-live");

        await PublishAsync(Bar(0, 100m), Bar(1, 100m), Bar(2, 103m));

        var signal = await EventuallyAsync(async () => (await SignalsAsync("mom-live")) is [var s] && s.GetProperty("orderId").ValueKind == JsonValueKind.String ? s : (JsonElement?)null);
        Assert.Equal(2, _orders.Requests.Count);
        var keys = _orders.Requests.Select(r => r.IdempotencyKey).Distinct().ToList();
        Assert.Equal([$"signal-{signal.GetProperty("id").GetGuid():N}"], keys);
        var body = _orders.Requests.First().Body;
        Assert.Equal(("paper", "mom-live", _symbol, "buy", "market", "day", 5m),
            (body.GetProperty("accountId").GetString(), body.GetProperty("strategyId").GetString(), body.GetProperty("symbol").GetString(),
             body.GetProperty("side").GetString(), body.GetProperty("type").GetString(), body.GetProperty("timeInForce").GetString(),
             body.GetProperty("quantity").GetDecimal()));
        Assert.Equal("submitted", signal.GetProperty("orderStatus").GetString());
        Assert.Equal(Origin.AddMinutes(3), signal.GetProperty("time").GetDateTimeOffset());
        Assert.True(signal.GetProperty("factorScores").GetProperty("momentum").GetDouble() > 0.01);

        var strategy = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/mom-live");
        Assert.Equal("running", strategy.GetProperty("status").GetString());
        Assert.Equal(3, strategy.GetProperty("runtime").GetProperty("barsProcessed").GetInt32());
        // Bars 1–2 were warm-up (lookback 2); their signals, had there been any, would not have been sent.
        Assert.Equal(1, strategy.GetProperty("runtime").GetProperty("signalsSent").GetInt32());
    }

    [Fact]
    public async Task A_stop_limit_signal_becomes_a_stop_limit_order_with_both_prices_and_is_listed_with_them()
    {
        await CreateAsync("stopper", "stop-entry", new { });
        await ListeningAsync("stopper");

        await PublishAsync(Bar(0, 100m));

        var signal = await EventuallyAsync(async () => (await SignalsAsync("stopper")) is [var s] && s.GetProperty("orderId").ValueKind == JsonValueKind.String ? s : (JsonElement?)null);
        Assert.Equal(("stop_limit", 101m, 101.5m),
            (signal.GetProperty("orderType").GetString(), signal.GetProperty("stopPrice").GetDecimal(), signal.GetProperty("limitPrice").GetDecimal()));
        var body = Assert.Single(_orders.Requests).Body;
        Assert.Equal(("stop_limit", 101m, 101.5m, 3m),
            (body.GetProperty("type").GetString(), body.GetProperty("stopPrice").GetDecimal(), body.GetProperty("limitPrice").GetDecimal(),
             body.GetProperty("quantity").GetDecimal()));
    }

    [Fact]
    public async Task Warm_up_comes_from_market_data_history_and_sends_nothing()
    {
        // A rising history: every bar after the second would be a momentum buy — all of it is warm-up.
        _marketData.History[_symbol] = Enumerable.Range(0, 10).Select(i => Bar(i, 100m + 5m * i)).ToList();
        await CreateAsync("mom-warm", "momentum", new { lookbackPeriod = 3, threshold = 0.01, positionSize = 1 });

        var strategy = await EventuallyAsync(async () =>
        {
            var s = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/mom-warm");
            return s.GetProperty("status").GetString() == "running" ? s : (JsonElement?)null;
        });

        Assert.Equal(3, strategy.GetProperty("runtime").GetProperty("barsProcessed").GetInt32()); // last=3 of the 10
        Assert.Empty(_orders.Requests);
        Assert.Empty(await SignalsAsync("mom-warm"));

        // The first live bar trades: its window holds the history's last closes (140, 145) and itself.
        await ListeningAsync("mom-warm");
        await PublishAsync(Bar(10, 160m));
        var signal = await EventuallyAsync(async () => (await SignalsAsync("mom-warm")) is [var s] ? s : (JsonElement?)null);
        Assert.Equal("buy", signal.GetProperty("side").GetString());
        Assert.Equal((160.0 - 140) / 140, signal.GetProperty("factorScores").GetProperty("momentum").GetDouble(), 12);
    }

    [Fact]
    public async Task A_strategy_throwing_on_every_bar_is_marked_errored_while_another_keeps_trading()
    {
        await CreateAsync("boom", "throwing", new { });
        await CreateAsync("steady", "momentum", new { lookbackPeriod = 2, threshold = 0.01, positionSize = 1 });
        await ListeningAsync("boom");
        await ListeningAsync("steady");

        await PublishAsync(Bar(0, 100m), Bar(1, 100m), Bar(2, 110m));

        var failed = await EventuallyAsync(async () =>
        {
            var s = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/boom");
            return s.GetProperty("status").GetString() == "error" ? s : (JsonElement?)null;
        });
        Assert.Contains("Division of " + _symbol, failed.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.String, failed.GetProperty("errorAt").ValueKind);

        await EventuallyAsync(async () => (await SignalsAsync("steady")) is [var s] ? s : (JsonElement?)null);
        var steady = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/steady");
        Assert.Equal("running", steady.GetProperty("status").GetString());
        Assert.All(_orders.Requests, r => Assert.Equal("steady", r.Body.GetProperty("strategyId").GetString()));
    }

    [Fact]
    public async Task Fills_on_the_bus_reach_the_strategy_and_show_in_its_position_and_pnl()
    {
        await CreateAsync("filled", "momentum", new { lookbackPeriod = 2 });
        var bus = _service.Services.GetRequiredService<IBus>();

        await bus.Publish(Fill("filled", "buy", 10m, 50m, fees: 1m));
        await bus.Publish(Fill("filled", "sell", 4m, 55m));
        var duplicate = Fill("filled", "sell", 1m, 60m);
        await bus.Publish(duplicate);
        await bus.Publish(duplicate with { OrderId = Guid.NewGuid() }); // the same execution again: applied once
        await bus.Publish(Fill("someone-else", "buy", 99m, 1m));

        var position = await EventuallyAsync(async () =>
        {
            var s = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/filled");
            var positions = s.GetProperty("runtime").GetProperty("positions");
            return positions.GetArrayLength() == 1 && positions[0].GetProperty("quantity").GetDecimal() == 5m ? s : (JsonElement?)null;
        });
        var pnl = position.GetProperty("runtime").GetProperty("pnl");
        Assert.Equal(4m * 5m + 1m * 10m - 1m, pnl.GetProperty("realized").GetDecimal());
        Assert.Equal(50m, position.GetProperty("runtime").GetProperty("positions")[0].GetProperty("averageCost").GetDecimal());

        // A new runner (stop, start) rebuilds the book from the stored fills.
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/api/strategies/filled/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/api/strategies/filled/start", null)).StatusCode);
        // The new runner loads the stored fills as it starts, after the start request has answered.
        var after = await EventuallyAsync(async () =>
        {
            var s = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/filled");
            return s.GetProperty("runtime").GetProperty("positions").GetArrayLength() == 1 ? s : (JsonElement?)null;
        });
        Assert.Equal(5m, after.GetProperty("runtime").GetProperty("positions")[0].GetProperty("quantity").GetDecimal());
        Assert.Equal(29m, after.GetProperty("runtime").GetProperty("pnl").GetProperty("realized").GetDecimal());
    }

    [Fact]
    public async Task Start_stop_status_and_bad_requests_are_problems_a_user_can_act_on()
    {
        var invalid = await _http.PostAsJsonAsync("/api/strategies", new
        {
            id = "x1", kind = "sma_crossover", accountId = "paper", symbols = new[] { _symbol }, parameters = new { fastWindow = 30, slowWindow = 20, speed = 1 },
        });
        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("parameters.fastWindow", out _));
        Assert.True(errors.TryGetProperty("parameters.speed", out _));
        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/strategies", new { id = "x2", kind = "nope", accountId = "paper", symbols = new[] { "A" } }),
            HttpStatusCode.BadRequest);

        await _http.PostAsJsonAsync("/api/strategies", new { id = "sma1", kind = "sma_crossover", accountId = "paper", symbols = new[] { _symbol } });
        var created = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/sma1");
        Assert.Equal(("stopped", false, 30), (created.GetProperty("status").GetString(), created.GetProperty("enabled").GetBoolean(), created.GetProperty("warmupBars").GetInt32()));
        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/strategies", new { id = "sma1", kind = "momentum", accountId = "paper", symbols = new[] { "A" } }),
            HttpStatusCode.Conflict, "strategy_exists");

        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/strategies/sma1/start", new { mode = "live" }), (HttpStatusCode)422);
        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/strategies/nobody/start", new { mode = "paper" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/strategies/sma1/start", new { mode = "backtest" }), HttpStatusCode.BadRequest);

        var started = await _http.PostAsJsonAsync("/api/strategies/sma1/start", new { mode = "live", confirmLive = true });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var running = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("paper", true), (running.GetProperty("mode").GetString(), running.GetProperty("enabled").GetBoolean()));
        Assert.Contains(running.GetProperty("status").GetString(), new[] { "warming_up", "running" });
        await AssertProblemAsync(await _http.PostAsync("/api/strategies/sma1/start", null), HttpStatusCode.Conflict, "strategy_already_running");

        var stopped = await _http.PostAsync("/api/strategies/sma1/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("stopped", (await stopped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await AssertProblemAsync(await _http.PostAsync("/api/strategies/sma1/stop", null), HttpStatusCode.Conflict, "strategy_not_running");
        await AssertProblemAsync(await _http.GetAsync("/api/strategies/sma1/signals?limit=0"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await _http.GetAsync("/api/strategies/nobody"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_and_stop_commit_who_asked_with_the_status_change_or_change_nothing()
    {
        await _http.PostAsJsonAsync("/api/strategies", new { id = "aud1", kind = "sma_crossover", accountId = "paper", symbols = new[] { _symbol } });

        // The audit record cannot be stored: the start must not happen either.
        _auditFailure.Failing = true;
        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/strategies/aud1/start", new { mode = "paper" }), HttpStatusCode.InternalServerError);
        var refused = await _http.GetFromJsonAsync<JsonElement>("/api/strategies/aud1");
        Assert.Equal(("stopped", false), (refused.GetProperty("status").GetString(), refused.GetProperty("enabled").GetBoolean()));
        Assert.Empty(await AuditedAsync("aud1"));

        _auditFailure.Failing = false;
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/strategies/aud1/start", new { mode = "paper" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/api/strategies/aud1/stop", null)).StatusCode);
        Assert.Equal([("stopped", "running (paper)"), ("running", "stopped")], await AuditedAsync("aud1"));
    }

    [Fact]
    public async Task Configured_definitions_are_seeded_and_the_enabled_ones_start_with_the_service()
    {
        await _service.DisposeAsync();
        await StartServiceAsync(new Dictionary<string, string?>
        {
            ["Strategies:Definitions:0:Id"] = "cfg-trend",
            ["Strategies:Definitions:0:Kind"] = "trend_breakout",
            ["Strategies:Definitions:0:AccountId"] = "paper",
            ["Strategies:Definitions:0:Symbols:0"] = _symbol,
            ["Strategies:Definitions:0:Parameters:normalize"] = "false",
            ["Strategies:Definitions:0:Parameters:positionSizing"] = "fixed_risk",
            ["Strategies:Definitions:1:Id"] = "cfg-off",
            ["Strategies:Definitions:1:Kind"] = "momentum",
            ["Strategies:Definitions:1:Symbols:0"] = _symbol,
            ["Strategies:Definitions:1:Enabled"] = "false",
            ["Demo:Enabled"] = "true", // ignored: definitions are configured
        });

        var all = await EventuallyAsync(async () =>
        {
            var list = await _http.GetFromJsonAsync<JsonElement>("/api/strategies");
            return list.EnumerateArray().Any(s => s.GetProperty("id").GetString() == "cfg-trend" && s.GetProperty("status").GetString() == "warming_up")
                ? list : (JsonElement?)null;
        });
        var trend = all.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "cfg-trend");
        Assert.Equal((20, "fixed_risk", false), (trend.GetProperty("warmupBars").GetInt32(),
            trend.GetProperty("parameters").GetProperty("positionSizing").GetString(), trend.GetProperty("parameters").GetProperty("normalize").GetBoolean()));
        var off = all.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "cfg-off");
        Assert.Equal(("stopped", false), (off.GetProperty("status").GetString(), off.GetProperty("enabled").GetBoolean()));
        Assert.DoesNotContain(all.EnumerateArray(), s => s.GetProperty("id").GetString() == ConfiguredStrategies.DemoId);
        Assert.DoesNotContain(all.EnumerateArray(), s => s.GetProperty("id").GetString() == ConfiguredStrategies.DemoMomentumId);
    }

    private async Task StartServiceAsync(Dictionary<string, string?> settings)
    {
        settings["Strategies:Runner:FillTimeout"] = "00:00:01";
        var factory = await ServiceFactory<Program>.CreateAsync(servers, "strategiesdb", settings);
        _service = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddHttpClient(Running.RunnerDependencies.OrdersClientName).ConfigurePrimaryHttpMessageHandler(() => _orders);
            services.AddHttpClient(Running.RunnerDependencies.MarketDataClientName).ConfigurePrimaryHttpMessageHandler(() => _marketData);
            services.AddSingleton<IStrategyFactory, TestStrategyFactory>();
            services.AddSingleton(_auditFailure);
            services.ConfigureDbContext<StrategiesDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<AuditFailure>()));
        }));
        _http = _service.CreateClient();
        await _service.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    private async Task CreateAsync(string id, string kind, object parameters)
    {
        var response = await _http.PostAsJsonAsync("/api/strategies", new { id, kind, accountId = "paper", symbols = new[] { _symbol }, parameters, enabled = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private Bar Bar(int minute, decimal close) =>
        new(_symbol, "1m", Origin.AddMinutes(minute), Origin.AddMinutes(minute + 1), close, close, close, close, 1000 + minute);

    /// <summary>Waits until the strategy's runner has subscribed to its Redis channels (pub/sub keeps nothing for late listeners).</summary>
    private Task ListeningAsync(string id) => EventuallyAsync(async () =>
        (await _http.GetFromJsonAsync<JsonElement>($"/api/strategies/{id}")).GetProperty("runtime").GetProperty("listening").GetBoolean()
            ? default(JsonElement) : (JsonElement?)null);

    private async Task PublishAsync(params Bar[] bars)
    {
        var channel = RedisChannel.Literal(AqTrading.Contracts.MarketData.Bar.Channel("1m", _symbol));
        foreach (var bar in bars)
        {
            Assert.True(await _redis.GetSubscriber().PublishAsync(channel, JsonSerializer.Serialize(bar, JsonSerializerOptions.Web)) > 0);
        }
    }

    private OrderFilled Fill(string strategyId, string side, decimal quantity, decimal price, decimal fees = 0m) =>
        new($"F-{Guid.NewGuid():N}", Guid.NewGuid(), "paper", strategyId, _symbol, "equity", 1m, side, quantity, price, fees, Origin);

    /// <summary>The strategy's start/stop audit records (ConfigurationChanged in the outbox), oldest first, as (from, to).</summary>
    private async Task<List<(string?, string?)>> AuditedAsync(string id)
    {
        await using var scope = _service.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<StrategiesDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type.StartsWith(typeof(ConfigurationChanged).FullName!)).OrderBy(m => m.Sequence).ToListAsync();
        return rows.Select(m => (ConfigurationChanged)m.Deserialize())
            .Where(e => e.Setting == $"strategy:{id}" && e.OldValue is not null)
            .Select(e => (e.OldValue, e.NewValue)).ToList();
    }

    private async Task<List<JsonElement>> SignalsAsync(string id) =>
        (await _http.GetFromJsonAsync<JsonElement>($"/api/strategies/{id}/signals")).GetProperty("items").EnumerateArray().ToList();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (code is not null)
        {
            Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, "not observed within 30 s");
            await Task.Delay(100);
        }
    }
}

/// <summary>Fails every save that carries a ConfigurationChanged audit record while <see cref="Failing"/> is set.</summary>
public sealed class AuditFailure : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    public volatile bool Failing;

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Failing && eventData.Context!.ChangeTracker.Entries<AqTrading.ServicePlatform.Outbox.OutboxMessage>()
                .Any(e => e.State == EntityState.Added && e.Entity.Type.StartsWith(typeof(ConfigurationChanged).FullName!, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("injected: the audit record cannot be stored");
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
