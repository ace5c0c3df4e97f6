using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace AqTrading.SystemTests;

/// <summary>The web UI in Debian's Chromium, against the running system through the gateway.</summary>
[Collection(nameof(SystemCollection))]
public sealed class BrowserTests(SystemFixture system) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("AQ_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [Fact]
    public async Task The_shell_loads_with_every_page_and_the_live_trading_state()
    {
        var page = await SignedInPageAsync("admin");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
        foreach (var label in new[] { "Dashboard", "Orders", "Strategies", "Backtest", "Derivatives", "Greeks", "Agents", "Reconciliation", "Alerts", "Audit", "System" })
        {
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = label, Exact = true })).ToBeVisibleAsync();
        }

        // The badge shows what risk reports, not a constant.
        var state = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/state");
        await Assertions.Expect(page.GetByTestId("trading-state")).ToHaveTextAsync(state.GetProperty("state").GetString()!);
        // The paper account's cash comes from the portfolio service.
        await Assertions.Expect(page.GetByTestId("account-paper")).ToContainTextAsync("$");
        await ScreenshotAsync(page, "dashboard");

        await nav.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true }).ClickAsync();
        foreach (var area in new[] { "portfolio", "risk", "orders", "market", "strategies", "backtest", "derivatives", "reconciliation", "agents" })
        {
            await Assertions.Expect(page.GetByTestId($"service-{area}")).ToContainTextAsync("up");
        }

        await ScreenshotAsync(page, "system");
    }

    [Fact]
    public async Task The_kill_switch_halts_trading_after_confirmation()
    {
        var page = await SignedInPageAsync("admin");

        await page.GetByTestId("kill-switch").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Halt all trading?");
        await ScreenshotAsync(page, "kill-switch-confirm");
        await page.GetByTestId("kill-switch-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("trading-state")).ToHaveTextAsync("halted");
        var state = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/risk/state");
        Assert.Equal("halted", state.GetProperty("state").GetString());
        Assert.False(state.GetProperty("canResume").GetBoolean());
    }

    [Fact]
    public async Task Signing_in_as_a_viewer_shows_the_kill_switch_disabled_and_signing_out_returns_to_the_form()
    {
        var page = await SignedInPageAsync("viewer");

        var killSwitch = page.GetByTestId("kill-switch");
        await Assertions.Expect(killSwitch).ToBeDisabledAsync();
        await Assertions.Expect(killSwitch).ToHaveAttributeAsync("title", "Only an admin can pull the kill switch");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("viewer");
        await ScreenshotAsync(page, "viewer");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>A fresh browser context, signed in through the UI's form.</summary>
    private async Task<IPage> SignedInPageAsync(string user)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(system.GatewayUrl.ToString());
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(system.Passwords[user]);
        if (user == "admin")
        {
            await ScreenshotAsync(page, "sign-in");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToBeVisibleAsync();
        return page;
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        return await context.NewPageAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }
}
