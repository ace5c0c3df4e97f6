using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.AgentDispatcher.Data;
using AqTrading.AgentDispatcher.Tools;
using AqTrading.Testing;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace AqTrading.Agents.IntegrationTests;

[CollectionDefinition(nameof(ServersCollection))]
public sealed class ServersCollection : ICollectionFixture<LocalServers>;

/// <summary>
/// The dispatcher in-process against real PostgreSQL, Redis and RabbitMQ, starting real worker processes in their
/// sandbox; only the HTTP peers its tools read from are stubs (<see cref="Peers"/>).
/// </summary>
[Collection(nameof(ServersCollection))]
public sealed class DispatcherTests(LocalServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(15);
    private readonly Peers _peers = new();
    private WebApplicationFactory<Program> _service = null!;
    private HttpClient _http = null!;
    private ConnectionMultiplexer _redis = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        _database = await servers.CreateDatabaseAsync("agentsdb");
        var factory = new ServiceFactory<Program>(servers, "agentsdb", _database, new Dictionary<string, string?>
        {
            ["Agents:DiagnosticsEnabled"] = "true",
            ["Agents:TimeLimit"] = TimeLimit.ToString(),
            ["Agents:BacktestPollInterval"] = "00:00:00.050",
        });
        _service = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            foreach (var client in new[] { ToolExecutor.MarketDataClient, ToolExecutor.PortfolioClient, ToolExecutor.BacktestClient, ToolExecutor.ReconciliationClient })
            {
                services.AddHttpClient(client).ConfigurePrimaryHttpMessageHandler(() => _peers);
            }
        }));
        _http = _service.CreateClient();
        await _service.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task The_worker_environment_holds_no_connection_strings_or_secrets_and_a_private_directory_that_is_removed()
    {
        var run = await RunAsync("analyst", "diagnostics:environment");

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var result = run.GetProperty("result");
        var environment = result.GetProperty("environment").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        Assert.NotEmpty(environment);
        foreach (var (name, value) in environment)
        {
            Assert.DoesNotContain("ConnectionStrings", name, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.StartsWith("Auth", StringComparison.OrdinalIgnoreCase), name);
            Assert.DoesNotContain("PASSWORD", name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(servers.RedisConnectionString, value);
            Assert.DoesNotContain(servers.RabbitMqConnectionString, value);
            Assert.DoesNotContain("Password=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestTokens.SigningKey, value);
        }

        // The dispatcher's own environment does hold them (the test host's configuration is in-memory, so compare with
        // what the process would have inherited): nothing of it crossed over.
        foreach (var inherited in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            Assert.True(!environment.ContainsKey(inherited) || inherited is "PATH" or "DOTNET_ROOT" || inherited.StartsWith("DOTNET_", StringComparison.Ordinal) || inherited is "HOME" or "TMPDIR",
                $"{inherited} was inherited");
        }

        var directory = result.GetProperty("workingDirectory").GetString()!;
        Assert.Equal(directory, environment["HOME"]);
        Assert.StartsWith(Path.GetTempPath(), directory);
        Assert.False(Directory.Exists(directory), "the private directory outlived the run");
        Assert.Equal(256L * 1024 * 1024, result.GetProperty("gcHeapHardLimit").GetInt64());

        var sandbox = run.GetProperty("sandbox");
        if (sandbox.GetProperty("network").GetString() is "namespace" or "user_namespace")
        {
            // A new network namespace: only its own loopback, and that is down.
            var interfaces = result.GetProperty("networkInterfaces").EnumerateArray().ToList();
            Assert.All(interfaces, i => Assert.Equal(("lo", false), (i.GetProperty("name").GetString(), i.GetProperty("up").GetBoolean())));
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(sandbox.GetProperty("networkProblem").GetString()));
        }
    }

    [Fact]
    public async Task A_worker_that_sleeps_past_its_limit_is_killed_and_the_run_marked_timed_out()
    {
        var run = await RunAsync("ops", "diagnostics:sleep", new { seconds = 600 });

        Assert.Equal("timed_out", run.GetProperty("status").GetString());
        Assert.False(run.GetProperty("success").GetBoolean());
        Assert.Contains("time limit", run.GetProperty("error").GetString());
        Assert.True(run.GetProperty("durationMs").GetInt64() >= TimeLimit.TotalMilliseconds);
        Assert.NotEqual(0, run.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task A_worker_that_crashes_is_marked_failed_with_its_exit_code_and_stderr()
    {
        var run = await RunAsync("researcher", "diagnostics:crash");

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal(3, run.GetProperty("exitCode").GetInt32());
        Assert.Contains("crashing on purpose", run.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task The_analyst_writing_risk_bias_is_denied_recorded_and_nothing_is_written()
    {
        await _redis.GetDatabase().StringSetAsync("risk_bias", "0.77");

        var run = await RunAsync("analyst", "diagnostics:call", new { tool = "redis.write", args = new { key = "risk_bias", value = 0.1 } });

        Assert.Equal("failed", run.GetProperty("status").GetString());
        var call = Assert.Single(run.GetProperty("toolCalls").EnumerateArray());
        Assert.Equal(("redis.write", false, "write:redis:risk_bias"),
            (call.GetProperty("tool").GetString(), call.GetProperty("allowed").GetBoolean(), call.GetProperty("requirement").GetString()));
        Assert.StartsWith("permission_denied", call.GetProperty("error").GetString());
        // The agent got the denial as its tool result.
        Assert.StartsWith("permission_denied", run.GetProperty("result").GetProperty("error").GetString());
        Assert.Equal("0.77", (string?)await _redis.GetDatabase().StringGetAsync("risk_bias"));
    }

    [Fact]
    public async Task The_risk_controller_in_a_drawdown_writes_a_smaller_risk_bias_and_publishes_its_completion()
    {
        var account = $"dd-{Guid.NewGuid():N}"[..12];
        _peers.Accounts[account] = new { id = account, equity = 88_000m, peakEquity = 100_000m, dayPnl = -500m, cash = 50_000m };
        _peers.Closes["CALM"] = Enumerable.Range(0, 30).Select(i => 100 + (i % 2 == 0 ? 0.05 : -0.05)).ToList();
        await _redis.GetDatabase().StringSetAsync("risk_bias", "0.95");

        var run = await RunAsync("risk_controller", "set the risk bias", new { accountId = account, symbol = "CALM" });

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var result = run.GetProperty("result");
        // 12 % drawdown → 0.7 (the seed's table); the calm market (low regime) → 1.0; the bias is the smaller.
        Assert.Equal((12.0, 0.7, "low", 1.0, 0.7), (result.GetProperty("drawdownPct").GetDouble(), result.GetProperty("drawdownScale").GetDouble(),
            result.GetProperty("regime").GetString(), result.GetProperty("regimeScale").GetDouble(), result.GetProperty("bias").GetDouble()));
        Assert.Equal("0.7", (string?)await _redis.GetDatabase().StringGetAsync("risk_bias"));
        Assert.Null(await _redis.GetDatabase().KeyTimeToLiveAsync("risk_bias"));
        Assert.All(run.GetProperty("toolCalls").EnumerateArray(), c => Assert.True(c.GetProperty("allowed").GetBoolean()));
        Assert.Equal(["portfolio.snapshot", "market.volatility_regime", "redis.write"],
            run.GetProperty("toolCalls").EnumerateArray().Select(c => c.GetProperty("tool").GetString()));
        // The tools called the peers with the dispatcher's own service token.
        Assert.All(_peers.Requests, r => Assert.StartsWith("Bearer ", r.Authorization));

        using var scope = _service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentsDbContext>();
        var id = run.GetProperty("id").GetGuid();
        // The API answers a finished run from memory while its row and events are being committed.
        var stored = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id);
        for (var wait = 0; stored.Status == AqTrading.AgentDispatcher.Runs.AgentRunStatus.Running && wait < 100; wait++)
        {
            await Task.Delay(100);
            stored = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id);
        }

        Assert.Equal(AqTrading.AgentDispatcher.Runs.AgentRunStatus.Succeeded, stored.Status);
        var events = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains("AgentRunCompleted")).ToListAsync();
        var completed = Assert.Single(events, m => m.Payload.Contains(id.ToString()));
        var payload = JsonDocument.Parse(completed.Payload).RootElement;
        Assert.Equal(["risk_bias"], payload.GetProperty("keysWritten").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("risk_controller", payload.GetProperty("role").GetString());
        // The write itself goes to the audit trail in the same transaction: key, value, the value it replaced, the agent.
        var writes = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains("AgentRedisWriteRecorded")).ToListAsync();
        var write = JsonDocument.Parse(Assert.Single(writes, m => m.Payload.Contains(id.ToString())).Payload).RootElement;
        Assert.Equal(("risk_controller", "risk_bias", "0.7", "0.95"), (write.GetProperty("agent").GetString(), write.GetProperty("key").GetString(),
            write.GetProperty("value").GetString(), write.GetProperty("previousValue").GetString()));
    }

    [Fact]
    public async Task The_analyst_scores_momentum_sentiment_with_a_ttl_and_tags_a_price_shock()
    {
        var symbol = $"UP{Guid.NewGuid():N}"[..6].ToUpperInvariant();
        // A steady rise, then a jump far beyond the earlier moves.
        _peers.Closes[symbol] = [.. Enumerable.Range(0, 20).Select(i => 100 + i * 0.2 + (i % 2 == 0 ? 0.05 : 0)), 115];

        var run = await RunAsync("analyst", "score sentiment", new { symbols = new[] { symbol } });

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var score = Assert.Single(run.GetProperty("result").GetProperty("sentiments").EnumerateArray());
        var sentiment = score.GetProperty("sentiment").GetDouble();
        Assert.InRange(sentiment, 0.5, 1.0);
        var stored = await _redis.GetDatabase().StringGetWithExpiryAsync($"sentiment:{symbol}");
        Assert.Equal(sentiment, double.Parse((string)stored.Value!, System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.InRange(stored.Expiry!.Value, TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
        var shock = JsonDocument.Parse((string)(await _redis.GetDatabase().StringGetAsync("events:price_shock"))!).RootElement;
        Assert.Contains(shock.GetProperty("symbols").EnumerateArray(), s => s.GetProperty("symbol").GetString() == symbol);
    }

    [Fact]
    public async Task The_researcher_reports_which_candidates_survive_walk_forward_validation()
    {
        _peers.WalkForward = grid => grid.GetProperty("fast").EnumerateArray().Single().GetInt32() switch
        {
            10 => (true, true),
            20 => (true, false), // accepted, but unstable under a perturbation
            _ => (false, true),
        };

        var run = await RunAsync("researcher", "validate candidates", new
        {
            @base = new { strategy = "sma_crossover", symbols = new[] { "SPY" }, start = "2020-01-01", end = "2024-12-31", capital = 100000 },
            candidates = new object[] { new { fast = 10, slow = 50 }, new { fast = 20, slow = 50 }, new { fast = 30, slow = 50 } },
        });

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var result = run.GetProperty("result");
        Assert.Equal([10], result.GetProperty("survivors").EnumerateArray().Select(s => s.GetProperty("fast").GetInt32()));
        var reports = result.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Contains("unstable under -20%", reports[1].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("degraded", reports[2].GetProperty("reasons")[0].GetString());
        Assert.Equal(3, _peers.Requests.Count(r => r.Method == HttpMethod.Post && r.Path == "/api/backtest/walk-forwards"));
    }

    [Fact]
    public async Task Ops_summarises_the_open_discrepancies_most_severe_first()
    {
        _peers.Discrepancies.AddRange([
            new { id = "1", symbol = "AAPL", severity = "low", detectedAt = "2026-11-30T10:00:00Z" },
            new { id = "2", symbol = "MSFT", severity = "high", detectedAt = "2026-11-29T10:00:00Z" },
            new { id = "3", symbol = "AAPL", severity = "medium", detectedAt = "2026-11-30T11:00:00Z" },
        ]);

        var run = await RunAsync("ops", "summarise reconciliation");

        var result = run.GetProperty("result");
        Assert.Equal(3, result.GetProperty("open").GetInt32());
        Assert.Equal(2, result.GetProperty("bySymbol").GetProperty("AAPL").GetInt32());
        Assert.Equal("high", result.GetProperty("mostSevere")[0].GetProperty("severity").GetString());
        Assert.Equal("2026-11-29T10:00:00Z", result.GetProperty("oldest").GetString());
        Assert.Contains("3 open discrepancies", run.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_database_failure_while_persisting_still_returns_the_result()
    {
        await using (var sql = new NpgsqlConnection(_database))
        {
            await sql.OpenAsync();
            await new NpgsqlCommand("ALTER TABLE agent_results RENAME TO agent_results_away", sql).ExecuteNonQueryAsync();
        }

        try
        {
            var run = await RunAsync("ops", "summarise reconciliation");

            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            Assert.Equal(0, run.GetProperty("result").GetProperty("open").GetInt32());
        }
        finally
        {
            await using var sql = new NpgsqlConnection(_database);
            await sql.OpenAsync();
            await new NpgsqlCommand("ALTER TABLE agent_results_away RENAME TO agent_results", sql).ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Invoke_answers_at_once_and_bad_input_is_a_400_naming_the_field()
    {
        var accepted = await _http.PostAsJsonAsync("/api/agents/invoke", new { role = "ops", task = "diagnostics:sleep", context = new { seconds = 2 } });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var queued = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(queued.GetProperty("status").GetString(), new[] { "queued", "running" });
        Assert.Equal($"/api/agents/runs/{queued.GetProperty("id").GetGuid()}", accepted.Headers.Location!.OriginalString);

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { role = "trader", task = "x" }, "role"),
                     (new { role = "ops", task = "" }, "task"),
                     (new { role = "ops", task = new string('x', 501) }, "task"),
                     (new { role = "ops", task = "x", context = new[] { 1 } }, "context"),
                 })
        {
            var response = await _http.PostAsJsonAsync("/api/agents/invoke", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/agents/runs/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/api/agents/runs/not-a-uuid")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/api/agents/runs?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/api/agents/runs?cursor=zzz")).StatusCode);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_a_page_at_a_time()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await RunAsync("ops", "summarise reconciliation")).GetProperty("id").GetGuid());
        }

        var first = await _http.GetFromJsonAsync<JsonElement>("/api/agents/runs?limit=2&role=ops&status=succeeded");
        var second = await _http.GetFromJsonAsync<JsonElement>($"/api/agents/runs?limit=2&role=ops&status=succeeded&cursor={first.GetProperty("nextCursor").GetString()}");
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(r => r.GetProperty("id").GetGuid()).ToList();

        Assert.Equal([ids[2], ids[1], ids[0]], listed.Take(3));
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Fact]
    public async Task The_permission_matrix_is_served_for_the_ui()
    {
        var matrix = await _http.GetFromJsonAsync<JsonElement>("/api/agents/permissions");

        var roles = matrix.GetProperty("roles").EnumerateArray().ToDictionary(r => r.GetProperty("role").GetString()!);
        Assert.Equal(["analyst", "ops", "researcher", "risk_controller"], roles.Keys.Order());
        Assert.Equal(["events:*", "sentiment:*"], roles["analyst"].GetProperty("writes").EnumerateArray().Select(w => w.GetString()).Order());
        Assert.Equal(["risk_bias"], roles["risk_controller"].GetProperty("writes").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(["backtest"], roles["researcher"].GetProperty("executes").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(["reconciliation.discrepancies", "reconciliation.runs"], roles["ops"].GetProperty("tools").EnumerateArray().Select(w => w.GetString()));
    }

    private async Task<JsonElement> RunAsync(string role, string task, object? context = null)
    {
        var response = await _http.PostAsJsonAsync("/api/agents/invoke", new { role, task, context = context ?? new { } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow + TimeLimit + TimeSpan.FromSeconds(60);
        while (true)
        {
            var run = await _http.GetFromJsonAsync<JsonElement>($"/api/agents/runs/{id}");
            if (run.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {id} did not end");
            await Task.Delay(200);
        }
    }
}
