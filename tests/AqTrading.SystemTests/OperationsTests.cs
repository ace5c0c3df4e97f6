using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace AqTrading.SystemTests;

/// <summary>
/// The operations service through the gateway: reconciliation against the paper broker's books (distorted on purpose
/// through its test hook), the alerts it raises and delivers to a webhook, and the tamper-evident audit trail.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class OperationsTests(SystemFixture system)
{
    private HttpClient Gateway => system.Gateway;

    [Fact]
    public async Task Each_injected_discrepancy_is_found_with_its_severity_critical_ones_reduce_trading_until_resolved_and_a_clean_run_is_clean()
    {
        try
        {
            await InjectedDiscrepanciesAsync();
        }
        finally
        {
            // Whatever happened above, leave the shared system trading on true books: later tests open positions.
            await AdjustAsync(new { kind = "reset" });
            var open = await Gateway.GetFromJsonAsync<JsonElement>("/api/reconciliation/discrepancies?status=open&limit=1000");
            foreach (var d in open.EnumerateArray())
            {
                await Gateway.PostAsJsonAsync($"/api/reconciliation/discrepancies/{d.GetProperty("id").GetString()}/resolve", new { note = "test cleanup" });
            }

            await system.EnsureTradingAsync();
        }
    }

    private async Task InjectedDiscrepanciesAsync()
    {
        await system.EnsureTradingAsync();
        await AdjustAsync(new { kind = "reset" });
        var tag = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        string quantitySymbol = $"RQ{tag}", costSymbol = $"RC{tag}", goneSymbol = $"RG{tag}", extraSymbol = $"RX{tag}", phantomSymbol = $"RP{tag}";
        foreach (var symbol in new[] { quantitySymbol, costSymbol, goneSymbol, extraSymbol })
        {
            (await Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid = 99.90m, ask = 100.10m })).EnsureSuccessStatusCode();
        }

        foreach (var symbol in new[] { quantitySymbol, costSymbol, goneSymbol })
        {
            await SubmitAsync(new { accountId = "paper", strategyId = "recon-test", symbol, side = "buy", type = "market", timeInForce = "day", quantity = 10 });
        }

        await Eventually.TrueAsync(async () => (await LocalQuantityAsync(quantitySymbol)) == 10 && (await LocalQuantityAsync(costSymbol)) == 10
                                               && (await LocalQuantityAsync(goneSymbol)) == 10);
        var resting = await SubmitAsync(new { accountId = "paper", strategyId = "recon-test", symbol = costSymbol, side = "buy", type = "limit",
            timeInForce = "gtc", quantity = 1, limitPrice = 50m });
        var restingId = resting.GetProperty("id").GetString()!;

        var clean = await RunAsync();
        Assert.True(clean.GetProperty("isClean").GetBoolean(), $"expected a clean run, got {clean}");
        Assert.Equal("manual", clean.GetProperty("trigger").GetString());
        Assert.True(clean.GetProperty("positionsChecked").GetInt32() >= 3);

        var cost = (await BrokerAsync()).GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == costSymbol)
            .GetProperty("averageCost").GetDecimal();
        // Only the missing-local alert names extraSymbol (the phantom order has a symbol of its own), so only its calls fail.
        system.Webhooks.FailFirst(extraSymbol, 2);
        await AdjustAsync(new { kind = "set_position", symbol = extraSymbol, quantity = 5, averageCost = 100m });
        await AdjustAsync(new { kind = "remove_position", symbol = goneSymbol });
        await AdjustAsync(new { kind = "set_position", symbol = quantitySymbol, quantity = 11, averageCost = cost });
        await AdjustAsync(new { kind = "set_position", symbol = costSymbol, quantity = 10, averageCost = cost + 1m });
        await AdjustAsync(new { kind = "cash", amount = 5m });
        var phantom = Guid.NewGuid();
        await AdjustAsync(new { kind = "phantom_order", symbol = phantomSymbol, quantity = 3, orderId = phantom });
        await AdjustAsync(new { kind = "hide_order", orderId = restingId });

        var run = await RunAsync();
        Assert.False(run.GetProperty("isClean").GetBoolean());
        var found = run.GetProperty("discrepancies").EnumerateArray()
            .Select(d => (Type: d.GetProperty("type").GetString()!, Severity: d.GetProperty("severity").GetString()!,
                Symbol: d.GetProperty("symbol").GetString(), Order: d.GetProperty("orderId").GetString()))
            .ToList();
        Assert.Contains(("missing_local", "critical", extraSymbol, (string?)null), found);
        Assert.Contains(("missing_broker", "critical", goneSymbol, (string?)null), found);
        Assert.Contains(("quantity_mismatch", "critical", quantitySymbol, (string?)null), found);
        Assert.Contains(("cost_mismatch", "info", costSymbol, (string?)null), found);
        Assert.Contains(found, d => d is { Type: "cash_mismatch", Severity: "warning" });
        // The extra broker position (5 × ~100) moves the broker's equity 0.5 % away from ours.
        Assert.Contains(found, d => d is { Type: "equity_mismatch", Severity: "warning" });
        Assert.Contains(("order_missing_local", "critical", phantomSymbol, phantom.ToString()), found);
        Assert.Contains(("order_missing_broker", "warning", costSymbol, restingId), found);

        var state = await Gateway.GetFromJsonAsync<JsonElement>("/api/risk/state");
        Assert.Equal("reducing", state.GetProperty("state").GetString());
        Assert.StartsWith("reconciliation:", state.GetProperty("reason").GetString());
        var refused = await SubmitAsync(new { accountId = "paper", symbol = extraSymbol, side = "buy", type = "market", timeInForce = "day", quantity = 1 });
        Assert.Equal("rejected", refused.GetProperty("status").GetString());

        // The critical discrepancy's SEV1 alert reached the webhook on the third attempt (two 500s, backoff 1 s then 2 s).
        var alert = await Eventually.ValueAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>("/api/alerts?type=reconciliation_discrepancy&limit=100")).GetProperty("alerts")
            .EnumerateArray().Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("symbol").GetString() == extraSymbol
                                                                       && a.Value.GetProperty("summary").GetString()!.Contains("missing_local")));
        Assert.Equal(1, alert.GetProperty("severity").GetInt32());
        var alertId = alert.GetProperty("id").GetString();
        var deliveries = await Eventually.ValueAsync(async () =>
        {
            var attempts = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}/deliveries")).EnumerateArray().ToList();
            return attempts.Any(a => a.GetProperty("status").GetString() == "sent") ? JsonSerializer.SerializeToElement(attempts) : null;
        });
        var webhook = deliveries.EnumerateArray().Where(d => d.GetProperty("destination").GetString() == "webhook:default")
            .Select(d => (d.GetProperty("attempt").GetInt32(), d.GetProperty("status").GetString(), d.GetProperty("responseCode").GetInt32())).ToList();
        // Retried after failures, in attempt order, until the webhook took it (the receiver fails the first calls naming
        // extraSymbol; another alert naming it may take one of those failures, so the count of failures is not pinned).
        Assert.True(webhook.Count >= 2, $"expected a retry, got {string.Join(", ", webhook)}");
        Assert.Equal(Enumerable.Range(1, webhook.Count), webhook.Select(w => w.Item1));
        Assert.All(webhook[..^1], w => Assert.Equal(("failed", 500), (w.Item2, w.Item3)));
        Assert.Equal(("sent", 200), (webhook[^1].Item2, webhook[^1].Item3));
        Assert.Contains(system.Webhooks.Received, r => r.Status == 200 && r.Body.Contains(extraSymbol) && r.Body.Contains("[SEV1]"));

        // Acknowledged alerts stay acknowledged (persisted).
        Assert.Equal(HttpStatusCode.OK, (await Gateway.PostAsync($"/api/alerts/{alertId}/acknowledge", null)).StatusCode);
        var acknowledged = await Gateway.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}");
        Assert.Equal("admin", acknowledged.GetProperty("acknowledgedBy").GetString());

        // The operator fixes the books, then resolves every open discrepancy; the last critical one lifts REDUCING.
        await AdjustAsync(new { kind = "reset" });
        Assert.Equal(HttpStatusCode.Accepted, (await Gateway.PostAsync($"/api/orders/{restingId}/cancel", null)).StatusCode);
        var open = (await Gateway.GetFromJsonAsync<JsonElement>("/api/reconciliation/discrepancies?status=open&limit=1000")).EnumerateArray()
            .OrderBy(d => d.GetProperty("severity").GetString() == "critical").ToList();
        Assert.Contains(open, d => d.GetProperty("symbol").GetString() == quantitySymbol && d.GetProperty("severity").GetString() == "critical");
        var resumed = false;
        foreach (var d in open)
        {
            var response = await Gateway.PostAsJsonAsync($"/api/reconciliation/discrepancies/{d.GetProperty("id").GetString()}/resolve",
                new { note = "books corrected in the test" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            resumed |= (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tradingResumed").GetBoolean();
        }

        Assert.True(resumed);
        Assert.Equal("running", (await Gateway.GetFromJsonAsync<JsonElement>("/api/risk/state")).GetProperty("state").GetString());
        var again = await Gateway.PostAsJsonAsync($"/api/reconciliation/discrepancies/{open[0].GetProperty("id").GetString()}/resolve", new { note = "twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("resolved", (await Gateway.GetFromJsonAsync<JsonElement>($"/api/reconciliation/discrepancies/{open[0].GetProperty("id").GetString()}"))
            .GetProperty("status").GetString());

        var audit = await Gateway.GetFromJsonAsync<JsonElement>("/api/audit?eventType=reconciliation.discrepancy_resolved&limit=100");
        Assert.True(audit.GetProperty("total").GetInt32() >= open.Count);

        await Eventually.TrueAsync(async () => (await RunAsync()).GetProperty("isClean").GetBoolean());
        var stored = await Gateway.GetFromJsonAsync<JsonElement>($"/api/reconciliation/runs/{run.GetProperty("id").GetString()}");
        Assert.Equal(run.GetProperty("discrepancyCount").GetInt32(), stored.GetProperty("discrepancies").GetArrayLength());
    }

    [Fact]
    public async Task The_audit_trail_records_actions_verifies_and_a_row_edited_in_the_database_breaks_the_chain_at_that_row()
    {
        await system.EnsureTradingAsync();
        var account = $"audit-{Guid.NewGuid():N}"[..16];
        var limits = await Gateway.GetFromJsonAsync<JsonElement>($"/api/risk/limits/{account}");
        (await Gateway.PutAsJsonAsync($"/api/risk/limits/{account}", limits.GetProperty("limits"))).EnsureSuccessStatusCode();
        var greeks = await Gateway.GetFromJsonAsync<JsonElement>($"/api/greeks/accounts/{account}/limits");
        (await Gateway.PutAsJsonAsync($"/api/greeks/accounts/{account}/limits", greeks.GetProperty("limits"))).EnsureSuccessStatusCode();
        (await Gateway.PostAsJsonAsync("/api/risk/pause", new { reason = "audit test" })).EnsureSuccessStatusCode();
        await system.EnsureTradingAsync();

        var entry = await Eventually.ValueAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>($"/api/audit?eventType=risk.limits_changed&resourceId={account}")).GetProperty("entries")
            .EnumerateArray().Cast<JsonElement?>().FirstOrDefault());
        Assert.Equal("admin", entry.GetProperty("actorId").GetString());
        // A configuration change: the Greeks limits, with the values before (none: the defaults applied) and after.
        var config = await Eventually.ValueAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>($"/api/audit?eventType=config.changed&resourceId=risk:greeks_limits:{account}"))
            .GetProperty("entries").EnumerateArray().Cast<JsonElement?>().FirstOrDefault());
        Assert.Equal("admin", config.GetProperty("actorId").GetString());
        Assert.Contains("dollarDelta", config.GetProperty("details").GetString());
        await Eventually.TrueAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>("/api/audit?eventType=risk.state_changed&limit=100")).GetProperty("entries").EnumerateArray()
            .Any(e => e.GetProperty("details").GetString()!.Contains("audit test")));
        // Signing in is recorded by the gateway (through the service-token audit endpoint), and a password never is.
        await system.SignInAsync("viewer");
        var login = await Eventually.ValueAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>("/api/audit?eventType=auth.login&actorId=viewer")).GetProperty("entries")
            .EnumerateArray().Cast<JsonElement?>().FirstOrDefault());
        Assert.DoesNotContain(system.Passwords["viewer"], login.GetProperty("details").GetString());

        var verified = await Gateway.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verified.GetProperty("isValid").GetBoolean(), verified.ToString());
        Assert.True(verified.GetProperty("entriesVerified").GetInt64() >= 3);

        var sequence = entry.GetProperty("sequence").GetInt64();
        var connectionString = await system.App.GetConnectionStringAsync("reconciliationdb");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Through an ordinary session the database refuses to change the trail.
        await using (var update = new NpgsqlCommand($"UPDATE audit_entries SET actor_id = 'mallory' WHERE sequence = {sequence}", connection))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText);
        }

        // The table owner can still switch the trigger off for one transaction: the hash chain is what catches that.
        await TamperAsync(connection, $"UPDATE audit_entries SET actor_id = 'mallory' WHERE sequence = {sequence}");
        try
        {
            var broken = await Gateway.GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.False(broken.GetProperty("isValid").GetBoolean());
            Assert.Equal(sequence, broken.GetProperty("firstBrokenSequence").GetInt64());
        }
        finally
        {
            await TamperAsync(connection, $"UPDATE audit_entries SET actor_id = 'admin' WHERE sequence = {sequence}");
        }

        Assert.True((await Gateway.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("isValid").GetBoolean());
    }

    [Fact]
    public async Task Repeated_rejections_of_one_symbol_make_one_alert_with_the_repeats_counted_and_a_viewer_cannot_acknowledge()
    {
        await system.EnsureTradingAsync();
        var symbol = $"NQ{Guid.NewGuid():N}"[..8].ToUpperInvariant(); // no quote: a market order is rejected
        for (var i = 0; i < 3; i++)
        {
            var order = await SubmitAsync(new { accountId = "paper", strategyId = "alert-test", symbol, side = "buy", type = "market", timeInForce = "day", quantity = 1 });
            await Eventually.TrueAsync(async () =>
                (await Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{order.GetProperty("id").GetString()}")).GetProperty("status").GetString() == "rejected");
        }

        var alert = await Eventually.ValueAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>("/api/alerts?type=order_rejected&limit=100")).GetProperty("alerts").EnumerateArray()
            .Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("symbol").GetString() == symbol
                                                      && a.Value.GetProperty("suppressedCount").GetInt32() == 2));
        Assert.Equal(3, alert.GetProperty("severity").GetInt32());
        var all = (await Gateway.GetFromJsonAsync<JsonElement>("/api/alerts?type=order_rejected&limit=100")).GetProperty("alerts").EnumerateArray()
            .Count(a => a.GetProperty("symbol").GetString() == symbol);
        Assert.Equal(1, all);
        var id = alert.GetProperty("id").GetString();
        await Eventually.TrueAsync(async () => (await Gateway.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}/deliveries")).EnumerateArray()
            .Any(d => d.GetProperty("channel").GetString() == "log" && d.GetProperty("status").GetString() == "sent"));

        var stats = await Gateway.GetFromJsonAsync<JsonElement>("/api/alerts/stats");
        Assert.True(stats.GetProperty("bySeverity").GetProperty("SEV3").GetInt32() >= 1);
        Assert.True(stats.GetProperty("byType").GetProperty("order_rejected").GetInt32() >= 1);

        using var viewer = system.ClientWithToken("gateway", await system.TokenForAsync("viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Gateway.GetAsync("/api/alerts?severity=7")).StatusCode);
    }

    private static async Task TamperAsync(NpgsqlConnection connection, string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var statement in new[] { "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete", sql,
                     "ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete" })
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task<JsonElement> RunAsync()
    {
        var response = await Gateway.PostAsJsonAsync("/api/reconciliation/runs", new { accountId = "paper" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
    }

    private async Task<JsonElement> BrokerAsync() => await Gateway.GetFromJsonAsync<JsonElement>("/api/orders/broker/accounts/paper");

    private async Task AdjustAsync(object adjustment)
    {
        var response = await Gateway.PostAsJsonAsync("/api/orders/broker/accounts/paper/adjustments", adjustment);
        Assert.True(response.IsSuccessStatusCode, $"adjustment answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<decimal> LocalQuantityAsync(string symbol) =>
        (await Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/positions")).EnumerateArray()
        .Where(p => p.GetProperty("symbol").GetString() == symbol).Sum(p => p.GetProperty("quantity").GetDecimal());

    private async Task<JsonElement> SubmitAsync(object body)
    {
        var response = await Gateway.PostAsJsonAsync("/api/orders", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
