using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.SystemTests;
using Microsoft.Playwright;

namespace AqTrading.BrowserTests;

/// <summary>
/// Each page's main flow in Debian's Chromium against the whole running system through the gateway: every number on
/// screen comes from the services, and the live ones arrive over SignalR (/hubs/live).
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class UiTests(SystemFixture system) : IAsyncLifetime
{
    private readonly Browser _browser = new(system);

    public Task InitializeAsync() => _browser.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Signing_in_shows_the_dashboard_with_the_account_and_the_trading_state_from_the_services()
    {
        await system.EnsureTradingAsync();
        var page = await _browser.SignedInPageAsync("admin", screenshotOfForm: "sign-in");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
        foreach (var label in new[] { "Dashboard", "Orders", "Strategies", "Market data", "Backtest", "Derivatives", "Greeks", "Agents", "Reconciliation", "Alerts", "Audit", "System" })
        {
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = label, Exact = true })).ToBeVisibleAsync();
        }

        var state = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/state");
        await Assertions.Expect(page.GetByTestId("trading-state")).ToHaveTextAsync(state.GetProperty("state").GetString()!);
        var account = page.GetByTestId("account-paper");
        await Assertions.Expect(account.GetByTestId("equity")).ToContainTextAsync("$");
        await Assertions.Expect(account.GetByTestId("cash")).ToContainTextAsync("$");
        await Assertions.Expect(account.GetByTestId("buying-power")).ToContainTextAsync("$");
        await Assertions.Expect(account.GetByTestId("day-pnl")).ToContainTextAsync("$");
        await Browser.LiveConnectedAsync(page);
    }

    [Fact]
    public async Task An_order_from_the_ticket_fills_in_the_blotter_and_its_position_follows_pushed_quotes_on_the_dashboard()
    {
        await system.EnsureTradingAsync();
        const string symbol = "UIBUY";
        await PutQuoteAsync(symbol, 49.95m, 50.05m);
        var page = await _browser.SignedInPageAsync("trader");
        await Browser.LiveConnectedAsync(page);

        await Browser.NavigateAsync(page, "Orders");
        var ticket = page.GetByRole(AriaRole.Form, new() { Name = "Order ticket" });
        await ticket.GetByLabel("Symbol").FillAsync(symbol);
        await ticket.GetByLabel("Quantity").FillAsync("7");
        await Assertions.Expect(page.GetByTestId("ticket-quote")).ToContainTextAsync("50.05");
        await page.GetByTestId("ticket-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-result")).ToContainTextAsync($"BUY 7 {symbol}");

        // The fill arrives by push (orders:updates); the blotter's own poll is 30 s, longer than this wait.
        var row = page.Locator($"[data-testid=blotter] tr[data-symbol={symbol}]").First;
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "filled", new() { Timeout = 60_000 });
        // The average fill price: the ask moved against the buyer by the paper broker's slippage (docs/api/orders.md).
        var filled = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{(await row.GetAttributeAsync("data-testid"))!["order-".Length..]}");
        var average = filled.GetProperty("averageFillPrice").GetDecimal();
        Assert.InRange(average, 50.05m, 50.10m);
        await Assertions.Expect(row).ToContainTextAsync(average.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture));
        await Browser.ScreenshotAsync(page, "orders");

        await Browser.NavigateAsync(page, "Dashboard");
        await WaitForPositionAsync(symbol);
        var position = page.GetByTestId($"position-{symbol}");
        await Assertions.Expect(position.Locator("td").Nth(2)).ToHaveTextAsync("7", new() { Timeout = 60_000 });
        // A new quote moves the mark and the P&L by push (quotes:UIBUY), not by reloading positions.
        await PutQuoteAsync(symbol, 51.95m, 52.05m);
        await Assertions.Expect(position.GetByTestId("mark")).ToHaveTextAsync("52.00", new() { Timeout = 20_000 });
        await Assertions.Expect(position.GetByTestId("unrealized")).ToHaveTextAsync(Browser.Text(@"^\+\$\d"));
        await Browser.ScreenshotAsync(page, "dashboard");
    }

    [Fact]
    public async Task The_kill_switch_asks_for_confirmation_then_shows_the_halt_the_cancels_and_the_flatten_orders()
    {
        await system.EnsureTradingAsync();
        try
        {
            // Something to flatten: a filled position.
            const string symbol = "UIKILL";
            await PutQuoteAsync(symbol, 19.95m, 20.05m);
            var order = await system.Gateway.PostAsJsonAsync("/api/orders", new
            {
                accountId = "paper", symbol, side = "buy", type = "market", timeInForce = "day", quantity = 3,
            });
            var submitted = await order.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(order.IsSuccessStatusCode && submitted.GetProperty("status").GetString() != "rejected", $"the order was refused: {submitted}");
            var id = submitted.GetProperty("id").GetString();
            await WaitForPositionAsync(symbol);

            var page = await _browser.SignedInPageAsync("admin");
            await Assertions.Expect(page.GetByTestId($"position-{symbol}")).ToBeVisibleAsync();
            await page.GetByTestId("kill-switch").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Halt all trading?");
            await Browser.ScreenshotAsync(page, "kill-switch-confirm");
            await page.GetByTestId("kill-switch-confirm").ClickAsync();

            var report = page.GetByTestId("kill-switch-report");
            await Assertions.Expect(report.GetByTestId("kill-switch-halt")).ToContainTextAsync("Halt: done (state halted)");
            await Assertions.Expect(report.GetByTestId("kill-switch-cancelled")).ToContainTextAsync("working order(s) cancelled");
            await Assertions.Expect(report.GetByTestId("kill-switch-flatten")).ToHaveTextAsync(Browser.Text(@"Flatten: [1-9]\d* closing order\(s\) sent"));
            await Assertions.Expect(report).ToContainTextAsync(symbol);
            await Assertions.Expect(page.GetByTestId("trading-state")).ToHaveTextAsync("halted");
            await Browser.ScreenshotAsync(page, "kill-switch-result");

            var state = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/state");
            Assert.Equal("halted", state.GetProperty("state").GetString());
            Assert.NotNull(id);
        }
        finally
        {
            await system.EnsureTradingAsync();
        }
    }

    [Fact]
    public async Task A_viewer_sees_the_kill_switch_and_the_ticket_disabled_and_signing_out_returns_to_the_form()
    {
        var page = await _browser.SignedInPageAsync("viewer");

        var killSwitch = page.GetByTestId("kill-switch");
        await Assertions.Expect(killSwitch).ToBeDisabledAsync();
        await Assertions.Expect(killSwitch).ToHaveAttributeAsync("title", "Only an admin can pull the kill switch");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("viewer");
        await Assertions.Expect(page.GetByTestId("account-paper").GetByTestId("equity")).ToContainTextAsync("$");
        await Browser.ScreenshotAsync(page, "viewer");

        await Browser.NavigateAsync(page, "Orders");
        await Assertions.Expect(page.GetByTestId("ticket-submit")).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_strategies_and_market_pages_show_live_data()
    {
        const string strategyId = "ui-sma";
        var created = await system.Gateway.PostAsJsonAsync("/api/strategies", new
        {
            id = strategyId, kind = "sma_crossover", accountId = "paper", symbols = new[] { "UISTRAT" },
            parameters = new { fastWindow = 2, slowWindow = 4, quantity = 1 }, enabled = false,
        });
        Assert.True(created.IsSuccessStatusCode || created.StatusCode == System.Net.HttpStatusCode.Conflict,
            $"creating the strategy answered {(int)created.StatusCode}");
        await PutQuoteAsync("AAPL", 100.00m, 100.10m);

        var page = await _browser.SignedInPageAsync("admin");
        await Browser.LiveConnectedAsync(page);
        await Browser.NavigateAsync(page, "Strategies");
        var row = page.GetByTestId($"strategy-{strategyId}");
        await Assertions.Expect(row).ToContainTextAsync("sma_crossover");
        await Assertions.Expect(row).ToContainTextAsync("UISTRAT");
        await Browser.ScreenshotAsync(page, "strategies");

        await Browser.NavigateAsync(page, "Market data");
        var quote = page.GetByTestId("quote-AAPL");
        await Assertions.Expect(quote).ToContainTextAsync("100.00");
        await PutQuoteAsync("AAPL", 101.00m, 101.10m);
        await Assertions.Expect(quote).ToContainTextAsync("101.00", new() { Timeout = 20_000 });
        await Browser.ScreenshotAsync(page, "market");
    }

    [Fact]
    public async Task The_system_page_shows_each_service_its_health_and_the_degradation_mode_or_that_risk_does_not_report_one()
    {
        var page = await _browser.SignedInPageAsync("admin");
        await Browser.NavigateAsync(page, "System");
        foreach (var area in new[] { "portfolio", "risk", "orders", "market", "strategies", "backtest", "derivatives", "reconciliation", "agents" })
        {
            await Assertions.Expect(page.GetByTestId($"service-{area}")).ToContainTextAsync("up");
        }

        var mode = await system.Gateway.GetAsync("/api/risk/system");
        await Assertions.Expect(page.GetByTestId(mode.IsSuccessStatusCode ? "system-mode" : "system-mode-unavailable")).ToBeVisibleAsync();
        // The operations service's health watch: every service's liveness and the shared servers, each healthy.
        foreach (var component in new[] { "portfolio", "risk", "orders", "market-data", "strategies", "backtest", "derivatives", "agent-dispatcher",
                     "postgresql", "redis", "rabbitmq" })
        {
            await Assertions.Expect(page.GetByTestId($"health-{component}").GetByTestId("health-status"))
                .ToHaveAttributeAsync("data-status", "healthy", new() { Timeout = 30_000 });
        }

        await Assertions.Expect(page.GetByTestId("health-overall")).ToHaveTextAsync("healthy");
        await Browser.ScreenshotAsync(page, "system");
    }

    /// <summary>Until the portfolio has booked the fill (orders → RabbitMQ → portfolio; slow on a loaded machine).</summary>
    private async Task WaitForPositionAsync(string symbol)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(await system.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/accounts/paper/positions"))
            .EnumerateArray().Any(p => p.GetProperty("symbol").GetString() == symbol))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {symbol} position booked within 2 minutes");
            await Task.Delay(250);
        }
    }

    private async Task PutQuoteAsync(string symbol, decimal bid, decimal ask) =>
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid, ask })).EnsureSuccessStatusCode();
}
