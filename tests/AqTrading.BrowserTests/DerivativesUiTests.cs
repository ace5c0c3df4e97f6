using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqTrading.SystemTests;
using Microsoft.Playwright;

namespace AqTrading.BrowserTests;

/// <summary>
/// The Derivatives and Greeks pages against the whole running system: contracts registered through market data and
/// tracked by the derivatives service, positions opened through orders/risk/paper broker, Greeks computed by risk.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class DerivativesUiTests(SystemFixture system) : IAsyncLifetime
{
    private readonly Browser _browser = new(system);

    /// <summary>A root of our own (letters only, as OCC symbols need), so no other test's contracts or quotes interfere.</summary>
    private readonly string _root = "V" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(4).Select(char.ToUpperInvariant).ToArray()).PadRight(4, 'X');

    public Task InitializeAsync() => _browser.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task The_derivatives_page_shows_an_expiring_option_held_in_the_money_and_previews_a_futures_roll_behind_a_confirmation()
    {
        await system.EnsureTradingAsync();
        var strategy = $"ui{_root}".ToLowerInvariant();

        // A call struck at 100 expiring tomorrow (New York), its underlying at 110, one contract bought. Tomorrow: the
        // expiration worker settles a date only after 16:30 New York on it, so the position stays for the test.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, newYork).DateTime).AddDays(1);
        var option = $"{_root}{tomorrow:yyMMdd}C00100000";
        var registered = await system.Gateway.PostAsJsonAsync("/api/market/instruments", new { symbol = option, assetClass = "option" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await PutQuoteAsync(option, 0.95m, 1.05m);
        await PutQuoteAsync(_root, 109.95m, 110.05m);
        await Eventually.TrueAsync(async () => (await system.Gateway.GetAsync($"/api/derivatives/contracts/{option}")).IsSuccessStatusCode);
        await FilledAsync(await SubmitAsync(new { accountId = "paper", strategyId = strategy, symbol = option, side = "buy", type = "market",
            timeInForce = "day", quantity = 1, assetClass = "option", multiplier = 100m }));
        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Any(p => p.GetProperty("symbol").GetString() == option));

        // A call that expired in the past, exercised through the API (as an operator would): the history shows it.
        var expired = $"{_root}250221C00100000";
        Assert.Equal(HttpStatusCode.Created,
            (await system.Gateway.PostAsJsonAsync("/api/market/instruments", new { symbol = expired, assetClass = "option" })).StatusCode);
        await PutQuoteAsync(expired, 9.95m, 10.05m);
        await Eventually.TrueAsync(async () => (await system.Gateway.GetAsync($"/api/derivatives/contracts/{expired}")).IsSuccessStatusCode);
        await FilledAsync(await SubmitAsync(new { accountId = "paper", strategyId = strategy, symbol = expired, side = "buy", type = "market",
            timeInForce = "day", quantity = 1, assetClass = "option", multiplier = 100m }));
        await Eventually.TrueAsync(async () => (await PositionsAsync(strategy)).Any(p => p.GetProperty("symbol").GetString() == expired));
        var processed = await system.Gateway.PostAsJsonAsync("/api/derivatives/expirations/process", new { date = "2025-02-21", accounts = new[] { "paper" } });
        Assert.Equal(HttpStatusCode.OK, processed.StatusCode);

        // A futures position a year old, to preview its roll as of five days before its expiry (as DerivativesTests does).
        var futuresStrategy = $"uiroll{_root}".ToLowerInvariant();
        foreach (var (symbol, expiry) in new[] { ("ESZ25", "2025-12-19"), ("ESH26", "2026-03-20") })
        {
            var future = await system.Gateway.PostAsJsonAsync("/api/market/instruments",
                new { symbol, assetClass = "future", expiry, multiplier = 50m, tickSize = 0.25m });
            Assert.True(future.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await future.Content.ReadAsStringAsync());
            await PutQuoteAsync(symbol, 79.75m, 80.25m);
        }

        await Eventually.TrueAsync(async () => (await system.Gateway.GetAsync("/api/derivatives/contracts/ESZ25")).IsSuccessStatusCode);
        await FilledAsync(await SubmitAsync(new { accountId = "paper", strategyId = futuresStrategy, symbol = "ESZ25", side = "buy", type = "market",
            timeInForce = "day", quantity = 1, assetClass = "future", multiplier = 50m }));
        await Eventually.TrueAsync(async () => (await PositionsAsync(futuresStrategy)).Any(p => p.GetProperty("symbol").GetString() == "ESZ25"));

        var expiring = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/derivatives/expiring?days=5");
        var served = Assert.Single(expiring.GetProperty("contracts").EnumerateArray(), c => c.GetProperty("symbol").GetString() == option);
        var severity = served.GetProperty("severity").GetString()!;
        Assert.Equal("critical", severity);

        var page = await _browser.SignedInPageAsync("trader");
        await Browser.NavigateAsync(page, "Derivatives");
        var row = page.GetByTestId($"expiring-{option}");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-severity", severity);
        await Assertions.Expect(row).ToContainTextAsync("1 day");
        await Assertions.Expect(row).ToContainTextAsync("call option");
        await Assertions.Expect(row).ToContainTextAsync("110.00");
        await Assertions.Expect(row.GetByTestId("moneyness")).ToContainTextAsync("ITM +10.0%");
        await Assertions.Expect(row.GetByTestId("held")).ToHaveTextAsync("1");

        // Exercised in the money: 100 shares bought at the strike, $10,000 paid.
        var exercised = page.GetByTestId($"expiration-{expired}");
        await Assertions.Expect(exercised).ToContainTextAsync("exercised");
        await Assertions.Expect(exercised).ToContainTextAsync("-$10,000.00");
        await Assertions.Expect(exercised).ToContainTextAsync("booked");

        // The option calculator shows the service's price for the form's defaults, and its ProblemDetails for a bad field.
        var calculated = await (await system.Gateway.PostAsJsonAsync("/api/derivatives/calculator",
            new { model = "bsm", right = "call", spot = 100, strike = 100, years = 0.25, rate = 0.05, dividendYield = 0, volatility = 0.2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await page.GetByTestId("calc-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calc-price"))
            .ToHaveTextAsync(calculated.GetProperty("price").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture));
        var calculator = page.GetByRole(AriaRole.Form, new() { Name = "Option calculator" });
        await calculator.GetByLabel("Years to expiry").FillAsync("200");
        await page.GetByTestId("calc-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calc-error-years")).ToContainTextAsync("years must be between 0 and 100");
        await calculator.GetByLabel("Years to expiry").FillAsync("0.25");
        await page.GetByTestId("calc-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calc-price")).ToBeVisibleAsync();

        // The roll plan as of 2025-12-15: ESZ25 expires on the 19th, so the ES calendar-spread roll (5 days) is due.
        await page.GetByLabel("As of (New York date)").FillAsync("2025-12-15");
        await page.GetByTestId("roll-preview").ClickAsync();
        var roll = page.GetByTestId("roll-ESZ25").Filter(new() { HasText = futuresStrategy });
        await Assertions.Expect(roll).ToContainTextAsync("ESZ25 → ESH26");
        await Assertions.Expect(roll).ToHaveAttributeAsync("data-due", "true");
        await Assertions.Expect(roll).ToContainTextAsync("calendar spread");
        await Assertions.Expect(roll).ToContainTextAsync("sell 1 ESZ25");
        await Assertions.Expect(roll).ToContainTextAsync("buy 1 ESH26");
        await Browser.ScreenshotAsync(page, "derivatives");

        // Executing asks first; cancelling sends nothing.
        await roll.GetByTestId("roll-now-ESZ25").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Roll ESZ25 now?");
        await Assertions.Expect(dialog).ToContainTextAsync("buy 1 ESH26");
        await Browser.ScreenshotAsync(page, "derivatives-roll-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.Contains(await PositionsAsync(futuresStrategy), p => p.GetProperty("symbol").GetString() == "ESZ25");

        // A viewer sees the page, but rolling is a trader's.
        var viewer = await _browser.SignedInPageAsync("viewer");
        await Browser.NavigateAsync(viewer, "Derivatives");
        await Assertions.Expect(viewer.GetByTestId($"expiring-{option}")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("roll-due")).ToBeDisabledAsync();
        await Assertions.Expect(viewer.GetByTestId("roll-due")).ToHaveAttributeAsync("title", "A trader can execute rolls");
    }

    [Fact]
    public async Task The_greeks_page_shows_the_accounts_dollar_greeks_and_an_admin_edits_a_limit_with_the_services_errors()
    {
        var original = (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/greeks/accounts/paper/limits")).GetProperty("limits");
        var theta = original.GetProperty("thetaPerDay");
        var hard = theta.GetProperty("hard").GetDouble();
        var warn = theta.GetProperty("warn").GetDouble();
        try
        {
            var page = await _browser.SignedInPageAsync("admin");
            await Browser.NavigateAsync(page, "Greeks");

            // The dollar delta card shows what risk computes (within a dollar or so: option values drift with time).
            var value = page.GetByTestId("greek-dollarDelta").GetByTestId("value");
            await Assertions.Expect(value).ToHaveTextAsync(Browser.Text(@"^-?\$[\d,]+$"));
            var shown = double.Parse((await value.TextContentAsync())!.Replace("$", "").Replace(",", ""), CultureInfo.InvariantCulture);
            var computed = (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/greeks/accounts/paper"))
                .GetProperty("account").GetProperty("greeks").GetProperty("dollarDelta").GetDouble();
            Assert.InRange(shown, computed - Math.Max(5, Math.Abs(computed) * 0.01), computed + Math.Max(5, Math.Abs(computed) * 0.01));
            foreach (var metric in new[] { "dollarDelta", "gammaDollar", "vegaPer1Pct", "thetaPerDay" })
            {
                await Assertions.Expect(page.GetByTestId($"greek-{metric}").GetByTestId("utilisation")).ToContainTextAsync("% of hard");
            }

            await Assertions.Expect(page.GetByTestId("scenario-+1%")).ToContainTextAsync("$");
            await Assertions.Expect(page.GetByTestId("limits-thetaPerDay")).ToContainTextAsync(Money(hard));
            await Browser.ScreenshotAsync(page, "greeks");

            // A crit level below warn: the service refuses it and names the field.
            await page.GetByTestId("limits-edit").ClickAsync();
            await page.GetByLabel("Theta per day crit").FillAsync((warn / 2).ToString(CultureInfo.InvariantCulture));
            await page.GetByTestId("limits-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("limits-error-thetaPerDay.crit")).ToContainTextAsync("must be above the warn level");
            await Assertions.Expect(page.GetByTestId("limits-message")).ToContainTextAsync("must be above the warn level");
            await Browser.ScreenshotAsync(page, "greeks-limit-error");

            // A valid edit: the hard theta limit a little higher (more lenient, so no other test is refused meanwhile).
            var raised = hard + 1_000;
            await page.GetByLabel("Theta per day crit").FillAsync(theta.GetProperty("crit").GetDouble().ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel("Theta per day hard").FillAsync(raised.ToString(CultureInfo.InvariantCulture));
            await page.GetByTestId("limits-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("limits-message")).ToHaveTextAsync("Limits saved.");
            await Assertions.Expect(page.GetByTestId("limits-thetaPerDay")).ToContainTextAsync(Money(raised));
            await Assertions.Expect(page.GetByTestId("greeks-limits")).ToContainTextAsync("set by admin");
            var stored = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/greeks/accounts/paper/limits");
            Assert.Equal(raised, stored.GetProperty("limits").GetProperty("thetaPerDay").GetProperty("hard").GetDouble());
        }
        finally
        {
            var restored = await system.Gateway.PutAsJsonAsync("/api/greeks/accounts/paper/limits", original);
            Assert.True(restored.IsSuccessStatusCode, $"restoring the Greeks limits answered {(int)restored.StatusCode}");
        }
    }

    /// <summary>As the page shows dollars: "$6,000".</summary>
    private static string Money(double value) =>
        (value < 0 ? "-$" : "$") + Math.Abs(Math.Round(value, MidpointRounding.AwayFromZero)).ToString("N0", CultureInfo.InvariantCulture);

    private async Task PutQuoteAsync(string symbol, decimal bid, decimal ask) =>
        (await system.Gateway.PutAsJsonAsync($"/api/market/quotes/{symbol}", new { bid, ask })).EnsureSuccessStatusCode();

    private async Task<string> SubmitAsync(object order)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(order) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await system.Gateway.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.True(body.GetProperty("status").GetString() != "rejected", $"the order was rejected: {body}");
        return body.GetProperty("id").GetString()!;
    }

    private async Task FilledAsync(string orderId) =>
        await Eventually.TrueAsync(async () =>
            (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}")).GetProperty("status").GetString() == "filled");

    private async Task<List<JsonElement>> PositionsAsync(string strategy) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/accounts/paper/positions?strategyId={strategy}")).EnumerateArray().ToList();
}
