using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AqTrading.Risk.IntegrationTests;

[CollectionDefinition(nameof(ServersCollection))]
public sealed class ServersCollection : ICollectionFixture<LocalServers>;

/// <summary>The risk service in-process against real PostgreSQL, Redis and RabbitMQ.</summary>
[Collection(nameof(ServersCollection))]
public sealed class RiskServiceTests(LocalServers servers) : IAsyncLifetime
{
    private ServiceFactory<Program> _risk = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // No orders or portfolio service here: their URLs point at a closed port, so the kill switch reports that
        // it could not cancel or flatten, and still halts.
        _risk = await ServiceFactory<Program>.CreateAsync(servers, "riskdb", new Dictionary<string, string?>
        {
            ["Risk:OrdersUrl"] = "http://127.0.0.1:9",
            ["Risk:PortfolioUrl"] = "http://127.0.0.1:9",
        });
        _http = _risk.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _risk.DisposeAsync();
    }

    [Fact]
    public async Task A_new_installation_is_running()
    {
        var state = await _http.GetFromJsonAsync<JsonElement>("/api/risk/state");

        Assert.Equal("running", state.GetProperty("state").GetString());
        Assert.Equal("system", state.GetProperty("changedBy").GetString());
    }

    [Fact]
    public async Task A_halt_needs_a_reason_and_resume_needs_enabling_first()
    {
        var noReason = await _http.PostAsJsonAsync("/api/risk/halt", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal("running", await StateAsync());

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/risk/halt", new { reason = "broker outage" })).StatusCode);
        Assert.Equal("halted", await StateAsync());

        var refused = await _http.PostAsync("/api/risk/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resume_not_enabled", problem.GetProperty("code").GetString());
        Assert.Equal("halted", await StateAsync());

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/api/risk/enable-resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/api/risk/resume", null)).StatusCode);
        Assert.Equal("running", await StateAsync());
    }

    [Fact]
    public async Task The_kill_switch_halts_from_any_state_and_records_why()
    {
        await _http.PostAsJsonAsync("/api/risk/pause", new { reason = "lunch" });

        var response = await _http.PostAsJsonAsync("/api/risk/kill-switch", new { reason = "runaway strategy" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("actionsExecuted").GetProperty("halted").GetBoolean());
        Assert.Contains(report.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("Cancelling working orders failed"));
        var state = await _http.GetFromJsonAsync<JsonElement>("/api/risk/state");
        Assert.Equal("halted", state.GetProperty("state").GetString());
        Assert.Equal("runaway strategy", state.GetProperty("reason").GetString());
        Assert.False(state.GetProperty("canResume").GetBoolean());
    }

    [Fact]
    public async Task Every_state_change_is_announced_through_the_outbox()
    {
        var before = await PublishedOrPendingEventsAsync();

        await _http.PostAsJsonAsync("/api/risk/reduce", new { reason = "reconciliation mismatch" });
        await _http.PostAsync("/api/risk/resume", null);
        await _http.PostAsync("/api/risk/resume", null); // already running: no change, no event

        Assert.Equal(before + 2, await PublishedOrPendingEventsAsync());
    }

    [Fact]
    public async Task Limits_start_at_the_defaults_and_bad_edits_name_each_field_and_change_nothing()
    {
        var defaults = await _http.GetFromJsonAsync<JsonElement>("/api/risk/limits/paper");
        Assert.True(defaults.GetProperty("isDefault").GetBoolean());
        Assert.Equal(10_000m, defaults.GetProperty("limits").GetProperty("maxPositionValue").GetDecimal());

        var bad = defaults.GetProperty("limits").Clone();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(bad.GetRawText())!;
        body["maxPositionValue"] = -1;
        body["maxDrawdownPct"] = 150;
        var response = await _http.PutAsJsonAsync("/api/risk/limits/paper", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("maxPositionValue", out _));
        Assert.True(errors.TryGetProperty("maxDrawdownPct", out _));
        Assert.True((await _http.GetFromJsonAsync<JsonElement>("/api/risk/limits/paper")).GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task Edited_limits_are_stored_per_account()
    {
        var limits = new
        {
            maxPositionValue = 25_000m, maxPositionPct = 10m, maxQuantityPerOrder = 1_000m, maxPositions = 5, maxExposurePct = 90m,
            dailyLossLimit = 2_000m, maxDrawdownPct = 15m, blockedSymbols = new[] { "gme" }, allowedSymbols = Array.Empty<string>(),
        };

        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync("/api/risk/limits/acct-7", limits)).StatusCode);

        var stored = await _http.GetFromJsonAsync<JsonElement>("/api/risk/limits/acct-7");
        Assert.False(stored.GetProperty("isDefault").GetBoolean());
        Assert.Equal(25_000m, stored.GetProperty("limits").GetProperty("maxPositionValue").GetDecimal());
        Assert.Equal("GME", stored.GetProperty("limits").GetProperty("blockedSymbols")[0].GetString());
        Assert.True((await _http.GetFromJsonAsync<JsonElement>("/api/risk/limits/other")).GetProperty("isDefault").GetBoolean());
    }

    [Theory]
    [InlineData("0.5", 0.5, "redis")]
    [InlineData("5", 2.0, "redis")]
    [InlineData("lots", 1.0, "default")]
    public async Task The_bias_comes_from_redis_and_falls_back_to_neutral(string raw, double expected, string source)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        await redis.GetDatabase().StringSetAsync("risk_bias", raw);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            JsonElement reading;
            do
            {
                await Task.Delay(200);
                reading = await _http.GetFromJsonAsync<JsonElement>("/api/risk/bias");
            }
            while ((reading.GetProperty("raw").ValueKind == JsonValueKind.Null || reading.GetProperty("raw").GetString() != raw)
                   && DateTime.UtcNow < deadline);

            Assert.Equal((decimal)expected, reading.GetProperty("value").GetDecimal());
            Assert.Equal(source, reading.GetProperty("source").GetString());
        }
        finally
        {
            await redis.GetDatabase().KeyDeleteAsync("risk_bias");
        }
    }

    [Fact]
    public async Task With_redis_down_the_bias_is_neutral_and_the_state_still_changes()
    {
        await using var risk = await ServiceFactory<Program>.CreateAsync(servers, "riskdb", new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:9,connectTimeout=500",
        });
        using var http = risk.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement bias;
        do
        {
            await Task.Delay(250);
            bias = await http.GetFromJsonAsync<JsonElement>("/api/risk/bias");
        }
        while (bias.GetProperty("problem").GetString()?.StartsWith("Redis unavailable") != true && DateTime.UtcNow < deadline);

        Assert.Equal(1.0m, bias.GetProperty("value").GetDecimal());
        Assert.Equal("default", bias.GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/risk/pause", new { reason = "redis outage drill" })).StatusCode);
    }

    private async Task<string?> StateAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>("/api/risk/state")).GetProperty("state").GetString();

    private async Task<int> PublishedOrPendingEventsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(
            _risk.Services.GetRequiredService<IConfiguration>().GetConnectionString("riskdb"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE type LIKE 'AqTrading.Contracts.Risk.TradingStateChanged%'", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
