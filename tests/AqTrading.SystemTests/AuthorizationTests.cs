using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AqTrading.Security;

namespace AqTrading.SystemTests;

/// <summary>
/// Every rule of <see cref="AccessPolicy"/> through the gateway, with no token, a forged one (another key), an expired
/// one, and each role: 401 without a valid token, 403 below the rule's role, and the service's own answer above it.
/// Requests are chosen to change nothing (bad input, unknown ids), so the matrix can run beside the other tests.
/// </summary>
[Collection(nameof(SystemCollection))]
public sealed class AuthorizationTests(SystemFixture system)
{
    /// <summary>One request per policy rule: what it needs and what an authorised caller gets.</summary>
    public static TheoryData<string, string, string?, Role, HttpStatusCode> Routes => new()
    {
        { "GET", "/api/orders?limit=1", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/risk/state", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/portfolio/accounts", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/market/instruments", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/strategies", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/backtest/jobs?limit=1", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/derivatives/contracts", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/reconciliation/runs", null, Role.Viewer, HttpStatusCode.OK },
        { "GET", "/api/agents/info", null, Role.Viewer, HttpStatusCode.OK },
        { "HEAD", "/api/risk/state", null, Role.Viewer, HttpStatusCode.MethodNotAllowed },
        { "POST", "/api/orders/cancel-all", "{", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/orders/flatten", "{}", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/orders", "{}", Role.Trader, HttpStatusCode.BadRequest },
        { "POST", $"/api/orders/{Guid.Empty}/cancel", null, Role.Trader, HttpStatusCode.NotFound },
        { "POST", "/api/strategies/no-such-strategy/stop", null, Role.Trader, HttpStatusCode.NotFound },
        { "POST", "/api/backtest/runs", "{}", Role.Trader, HttpStatusCode.BadRequest },
        { "PUT", "/api/market/quotes/AUTHZ", "{\"bid\":10.0,\"ask\":10.2}", Role.Trader, HttpStatusCode.OK },
        { "POST", "/api/derivatives/contracts", "{}", Role.Trader, HttpStatusCode.MethodNotAllowed },
        { "POST", "/api/derivatives/calculator", "{}", Role.Viewer, HttpStatusCode.BadRequest },
        { "POST", "/api/derivatives/roll/execute", "{}", Role.Trader, HttpStatusCode.BadRequest },
        { "POST", "/api/derivatives/expirations/process", "{}", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/derivatives/assignments", "{}", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/risk/kill-switch", "{", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/risk/halt", "{", Role.Admin, HttpStatusCode.BadRequest },
        { "PUT", "/api/risk/limits/authz", "{", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/risk/check", "{", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/greeks/limits", "{}", Role.Admin, HttpStatusCode.NotFound },
        { "POST", "/api/agents/runs", "{}", Role.Admin, HttpStatusCode.MethodNotAllowed },
        { "POST", $"/api/reconciliation/discrepancies/{Guid.Empty}/resolve", "{}", Role.Admin, HttpStatusCode.NotFound },
        { "GET", "/api/alerts?limit=1", null, Role.Viewer, HttpStatusCode.OK },
        { "POST", $"/api/alerts/{Guid.Empty}/acknowledge", null, Role.Trader, HttpStatusCode.NotFound },
        { "GET", "/api/audit?limit=1", null, Role.Admin, HttpStatusCode.OK },
        { "HEAD", "/api/audit", null, Role.Admin, HttpStatusCode.MethodNotAllowed },
        { "POST", "/api/audit/records", "{", Role.Admin, HttpStatusCode.BadRequest },
        { "POST", "/api/orders/broker/accounts/authz/adjustments", "{", Role.Admin, HttpStatusCode.BadRequest },
        { "DELETE", "/api/portfolio/accounts/paper", null, Role.Admin, HttpStatusCode.MethodNotAllowed },
    };

    [Fact]
    public void Every_policy_rule_is_walked_by_the_matrix()
    {
        var walked = Routes.Select(r => ((string)r[0], (string)r[1])).ToList();
        foreach (var rule in AccessPolicy.Rules.Where(r => r.Required != Role.Anonymous && r.PathPrefix != "/hubs"))
        {
            Assert.True(walked.Any(w => (rule.Method is null || rule.Method == w.Item1)
                                        && AccessPolicy.RequiredRole(w.Item1, w.Item2.Split('?')[0]) == rule.Required
                                        && w.Item2.StartsWith(rule.PathPrefix, StringComparison.Ordinal)),
                $"no request walks {rule.Method ?? "*"} {rule.PathPrefix}");
        }
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task Each_route_answers_401_without_a_valid_token_403_below_its_role_and_the_service_above(
        string method, string path, string? body, Role required, HttpStatusCode authorised)
    {
        Assert.Equal(required, AccessPolicy.RequiredRole(method, path.Split('?')[0]));
        var expired = TokenIssuer.Create(new AuthOptions { SigningKey = system.SigningKey, TokenLifetime = TimeSpan.FromMinutes(5) },
            new PastClock(DateTimeOffset.UtcNow.AddHours(-1))).IssueUserToken("admin", [Roles.Admin]).AccessToken;
        var forged = TokenIssuer.Create(new AuthOptions { SigningKey = "not-the-platform-key-but-long-enough-0123456789" })
            .IssueUserToken("admin", [Roles.Admin]).AccessToken;

        foreach (var (what, token) in new[] { ("no token", (string?)null), ("expired", expired), ("forged", forged) })
        {
            using var http = system.ClientWithToken("gateway", token);
            var response = await SendAsync(http, method, path, body);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {method} {path} answered {(int)response.StatusCode}");
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        }

        foreach (var role in new[] { Role.Viewer, Role.Trader, Role.Admin })
        {
            using var http = system.ClientWithToken("gateway", await system.TokenForAsync(Roles.NameOf(role)));
            var response = await SendAsync(http, method, path, body);
            var expected = role >= required ? authorised : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role}: {method} {path} answered {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    [Fact]
    public async Task A_service_called_directly_refuses_a_request_without_a_token_and_answers_one_with_it()
    {
        using var anonymous = system.ClientWithToken("orders", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/orders/info")).StatusCode);

        using var viewer = system.ClientWithToken("risk", await system.TokenForAsync(Roles.Viewer));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/risk/state")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/risk/halt", JsonContent.Create(new { reason = "bypass" }))).StatusCode);
    }

    [Fact]
    public async Task Signing_in_returns_a_bearer_token_with_the_users_roles_and_a_wrong_password_is_refused()
    {
        using var http = system.ClientWithToken("gateway", null);
        var ok = await http.PostAsJsonAsync("/api/auth/token", new { username = "trader", password = system.Passwords[Roles.Trader] });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var token = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.True(token.GetProperty("expires_in").GetInt32() > 0);
        Assert.Equal(["trader"], token.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var wrong = await http.PostAsJsonAsync("/api/auth/token", new { username = "trader", password = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknown = await http.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_ui_need_no_token_and_the_ui_carries_security_headers()
    {
        using var http = system.ClientWithToken("gateway", null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);

        var ui = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("default-src 'self'", ui.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", ui.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", ui.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", ui.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", ui.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_reaches_a_service()
    {
        var big = new string('x', 1024 * 1024 + 1);
        var response = await system.Gateway.PostAsync("/api/orders", new StringContent($"{{\"note\":\"{big}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    private sealed class PastClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
