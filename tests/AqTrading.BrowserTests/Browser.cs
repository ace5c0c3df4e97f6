using System.Text.RegularExpressions;
using AqTrading.SystemTests;
using Microsoft.Playwright;

namespace AqTrading.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright, one fresh context per page, signed in through the UI's form.</summary>
public sealed class Browser(SystemFixture system) : IAsyncDisposable
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: AQ_SCREENSHOTS (./aq test sets it), else screenshots/ beside the test assembly.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("AQ_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task StartAsync()
    {
        // Waits, not speed checks: on two shared cores a sign-in (PBKDF2) or the first answer of a service can take seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest stop background calls that fail on a closed network.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context, signed in as the user through the sign-in form.</summary>
    public async Task<IPage> SignedInPageAsync(string user, string? screenshotOfForm = null)
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(system.GatewayUrl.ToString());
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(system.Passwords[user]);
        if (screenshotOfForm is not null)
        {
            await ScreenshotAsync(page, screenshotOfForm);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToBeVisibleAsync();
        return page;
    }

    public static Task NavigateAsync(IPage page, string label) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = label, Exact = true }).ClickAsync();

    /// <summary>Waits until the page's live connection (/hubs/live) is up.</summary>
    public static Task LiveConnectedAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", "connected", new() { Timeout = 20_000 });

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    public static Regex Text(string pattern) => new(pattern);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
