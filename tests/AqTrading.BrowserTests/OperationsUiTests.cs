using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.SystemTests;
using Microsoft.Playwright;

namespace AqTrading.BrowserTests;

/// <summary>
/// The operations pages (Reconciliation, Alerts, Audit, Agents) and the dashboard's reconciliation and alert panels in
/// Chromium against the whole running system: what they show is what the reconciliation and agent-dispatcher services
/// answer through the gateway, and their buttons act on those services.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class OperationsUiTests(SystemFixture system) : IAsyncLifetime
{
    private readonly Browser _browser = new(system);

    public Task InitializeAsync() => _browser.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Run_now_reconciles_the_books_and_the_run_shows_on_the_page_and_the_dashboard()
    {
        var page = await _browser.SignedInPageAsync("admin");
        await Browser.NavigateAsync(page, "Reconciliation");
        await Assertions.Expect(page.GetByTestId("discrepancies-panel")).ToBeVisibleAsync();
        await page.GetByTestId("run-now").ClickAsync();

        // A difference is confirmed by a second comparison 2 s later, so a run takes a moment on a loaded machine.
        var result = page.GetByTestId("run-result-paper");
        await Assertions.Expect(result).ToContainTextAsync("checked in", new() { Timeout = 60_000 });
        var manual = (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/reconciliation/runs?accountId=paper&limit=50")).EnumerateArray()
            .First(r => r.GetProperty("trigger").GetString() == "manual");
        var outcome = manual.GetProperty("isClean").GetBoolean() ? "clean" : $"{manual.GetProperty("discrepancyCount").GetInt32()} discrepanc";
        await Assertions.Expect(result).ToContainTextAsync($"paper: {outcome}");
        var positions = manual.GetProperty("positionsChecked").GetInt32();
        await Assertions.Expect(result).ToContainTextAsync($"{positions} position{(positions == 1 ? "" : "s")} checked");
        var row = page.GetByTestId($"run-{manual.GetProperty("id").GetString()}");
        await Assertions.Expect(row).ToContainTextAsync("manual");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-outcome", manual.GetProperty("isClean").GetBoolean() ? "clean" : "discrepancies");
        await Browser.ScreenshotAsync(page, "reconciliation");

        await Browser.NavigateAsync(page, "Dashboard");
        await Assertions.Expect(page.GetByTestId("latest-run-paper").GetByTestId("run-outcome")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("recent-alerts")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "dashboard-operations");
    }

    [Fact]
    public async Task A_discrepancy_found_by_run_now_is_resolved_from_the_page_with_a_note_that_the_audit_trail_keeps()
    {
        try
        {
            await system.EnsureTradingAsync();
            // The paper broker reports $50 more cash than our books: a cash_mismatch (warning; trading stays running).
            await AdjustAsync(new { kind = "cash", amount = 50m });
            var page = await _browser.SignedInPageAsync("admin");
            await Browser.NavigateAsync(page, "Reconciliation");
            await page.GetByTestId("run-now").ClickAsync();
            await Assertions.Expect(page.GetByTestId("run-result-paper")).ToContainTextAsync("discrepanc", new() { Timeout = 60_000 });

            var found = (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/reconciliation/discrepancies?status=open&accountId=paper"))
                .EnumerateArray().First(d => d.GetProperty("type").GetString() == "cash_mismatch");
            var id = found.GetProperty("id").GetString();
            var row = page.GetByTestId($"discrepancy-{id}");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-severity", "warning");
            await Assertions.Expect(row.GetByTestId("severity")).ToHaveClassAsync(Browser.Text("bg-amber-500"));
            await Browser.ScreenshotAsync(page, "reconciliation-discrepancy");

            // The operator corrects the books, then resolves with a note.
            await AdjustAsync(new { kind = "reset" });
            await row.GetByTestId("resolve").ClickAsync();
            await page.GetByLabel("Resolution note (audited)").FillAsync("broker cash offset removed (browser test)");
            await page.GetByTestId("resolve-confirm").ClickAsync();
            await Assertions.Expect(page.GetByTestId("resolve-result")).ToContainTextAsync("Resolved");
            var resolved = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/reconciliation/discrepancies/{id}");
            Assert.Equal("resolved", resolved.GetProperty("status").GetString());
            Assert.Equal("admin", resolved.GetProperty("resolvedBy").GetString());
            Assert.Equal("broker cash offset removed (browser test)", resolved.GetProperty("resolutionNote").GetString());

            await Browser.NavigateAsync(page, "Audit");
            await page.GetByLabel("Resource id").FillAsync(id!);
            await page.GetByTestId("audit-apply").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=audit-entries] tr[data-event='reconciliation.discrepancy_resolved']")).ToHaveCountAsync(1);
        }
        finally
        {
            await AdjustAsync(new { kind = "reset" });
            await system.EnsureTradingAsync();
        }
    }

    [Fact]
    public async Task A_rejected_order_raises_an_alert_the_alerts_page_lists_and_a_trader_acknowledges()
    {
        await system.EnsureTradingAsync();
        // A symbol without a quote: the paper broker rejects a market order for it (no_quote), an order_rejected alert.
        var symbol = $"UA{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        var submitted = await system.Gateway.PostAsJsonAsync("/api/orders", new
        {
            accountId = "paper", strategyId = "ui-alerts", symbol, side = "buy", type = "market", timeInForce = "day", quantity = 1,
        });
        Assert.True(submitted.IsSuccessStatusCode, $"the order answered {(int)submitted.StatusCode}");
        var alert = await Eventually.ValueAsync(async () =>
            (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/alerts?type=order_rejected&limit=100")).GetProperty("alerts").EnumerateArray()
            .Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("symbol").GetString() == symbol));
        var id = alert.GetProperty("id").GetString();

        var page = await _browser.SignedInPageAsync("trader");
        await Browser.NavigateAsync(page, "Alerts");
        await Assertions.Expect(page.GetByTestId("stats-total")).ToHaveTextAsync(Browser.Text(@"^[1-9]\d*$"));
        await page.GetByLabel("Source").SelectOptionAsync("order_rejected");
        await page.GetByLabel("Status").SelectOptionAsync("open");
        var row = page.GetByTestId($"alert-{id}");
        await Assertions.Expect(row).ToContainTextAsync(symbol);
        await Assertions.Expect(row.GetByTestId("severity")).ToHaveTextAsync("SEV3");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-acknowledged", "false");

        // SEV3 goes to the log: its delivery attempt shows under the alert.
        await row.GetByTestId("alert-details").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delivery").First).ToContainTextAsync("log");
        await Browser.ScreenshotAsync(page, "alerts");

        // Acknowledged, it leaves the unacknowledged view and shows among the acknowledged with who did it.
        await row.GetByTestId("acknowledge").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.GetByLabel("Status").SelectOptionAsync("acknowledged");
        await Assertions.Expect(row.GetByTestId("ack-status")).ToContainTextAsync("acknowledged by trader");
        var stored = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal("trader", stored.GetProperty("acknowledgedBy").GetString());
        await Browser.ScreenshotAsync(page, "alerts-acknowledged");
    }

    [Fact]
    public async Task The_audit_page_lists_sign_ins_and_verifies_the_chain_as_intact()
    {
        var page = await _browser.SignedInPageAsync("admin");
        await Browser.NavigateAsync(page, "Audit");
        await page.GetByTestId("verify-chain").ClickAsync();
        var verified = page.GetByTestId("verify-result");
        await Assertions.Expect(verified).ToHaveAttributeAsync("data-valid", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(verified).ToContainTextAsync(Browser.Text(@"Chain intact: [1-9]\d* entries verified\."));

        // The gateway records sign-ins through the service's records API: filter on them.
        await page.GetByLabel("Event type").FillAsync("auth");
        await page.GetByTestId("audit-apply").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=audit-entries] tr[data-event='auth.login']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=audit-entries] tbody tr[data-event]:not([data-event^='auth.'])")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task The_agents_page_shows_the_permission_matrix_checks_the_context_and_shows_a_run_with_its_denied_tool_call()
    {
        var matrix = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/agents/permissions");
        var page = await _browser.SignedInPageAsync("admin");
        await Browser.NavigateAsync(page, "Agents");
        foreach (var role in matrix.GetProperty("roles").EnumerateArray())
        {
            var name = role.GetProperty("role").GetString()!;
            var tools = role.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToHashSet();
            foreach (var tool in matrix.GetProperty("tools").EnumerateArray().Select(t => t.GetString()!))
            {
                await Assertions.Expect(page.GetByTestId($"permission-{tool}").Locator($"td[data-role={name}]"))
                    .ToHaveTextAsync(tools.Contains(tool) ? "✓" : "—");
            }
        }

        // Bad JSON is caught before anything is sent.
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Invoke an agent" });
        await form.GetByLabel("Role").SelectOptionAsync("analyst");
        await form.GetByLabel("Task").FillAsync("diagnostics:call");
        await form.GetByLabel("Context (JSON object)").FillAsync("{\"tool\": redis.write}");
        await page.GetByTestId("invoke-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("invoke-error-context")).ToContainTextAsync("Context is not valid JSON");

        // A cheap run (the tests' diagnostic task): the analyst tries to write risk_bias, which its role may not.
        await form.GetByLabel("Context (JSON object)").FillAsync("{\"tool\": \"redis.write\", \"args\": {\"key\": \"risk_bias\", \"value\": 0.1}}");
        await page.GetByTestId("invoke-submit").ClickAsync();
        var queued = page.GetByTestId("invoke-result");
        await Assertions.Expect(queued).ToContainTextAsync("Queued analyst run");
        var runId = await queued.GetAttributeAsync("data-run-id");
        var row = page.GetByTestId($"agent-run-{runId}");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 120_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        var call = page.GetByTestId("run-details").GetByTestId("tool-call").First;
        await Assertions.Expect(call).ToHaveAttributeAsync("data-allowed", "false");
        await Assertions.Expect(call).ToContainTextAsync("redis.write");
        await Assertions.Expect(call).ToContainTextAsync("permission_denied");
        var run = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/agents/runs/{runId}");
        Assert.Equal("failed", run.GetProperty("status").GetString());
        await Browser.ScreenshotAsync(page, "agents");
    }

    private async Task AdjustAsync(object adjustment)
    {
        var response = await system.Gateway.PostAsJsonAsync("/api/orders/broker/accounts/paper/adjustments", adjustment);
        Assert.True(response.IsSuccessStatusCode, $"the paper broker adjustment answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_viewer_sees_the_operations_actions_disabled()
    {
        var page = await _browser.SignedInPageAsync("viewer");
        await Browser.NavigateAsync(page, "Reconciliation");
        await Assertions.Expect(page.GetByTestId("run-now")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("run-now")).ToHaveAttributeAsync("title", "Only an admin can run reconciliation");
        await Browser.NavigateAsync(page, "Agents");
        await Assertions.Expect(page.GetByTestId("invoke-submit")).ToBeDisabledAsync();
        await Browser.NavigateAsync(page, "Audit");
        await Assertions.Expect(page.GetByTestId("audit-admin-only")).ToBeVisibleAsync();
    }
}
