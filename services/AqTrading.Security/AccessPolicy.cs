using Microsoft.AspNetCore.Http;

namespace AqTrading.Security;

/// <param name="Method">An HTTP method, or null for any method.</param>
/// <param name="PathPrefix">Matched by whole segments: <c>/api/orders</c> matches <c>/api/orders/123</c>, not <c>/api/orders2</c>.</param>
public sealed record AccessRule(string? Method, string PathPrefix, Role Required);

/// <summary>
/// Who may call what: the one table the gateway and every service enforce (a request that bypasses the gateway meets
/// the same rules). Paths outside <c>/api</c> and <c>/hubs</c> (health probes, the static UI) are not governed here.
/// The first matching rule wins, so specific rules come first; a governed path no rule names needs an admin (fail
/// closed), which is what a new write endpoint gets until someone places it in this table.
/// </summary>
public static class AccessPolicy
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        // Signing in needs no token (the gateway answers it; services have no such path).
        new("POST", "/api/auth/token", Role.Anonymous),

        // The audit trail is read by admins only (it names every actor and action).
        new("GET", "/api/audit", Role.Admin),
        new("HEAD", "/api/audit", Role.Admin),

        // Reading is a viewer's right everywhere.
        new("GET", "/api", Role.Viewer),
        new("HEAD", "/api", Role.Viewer),
        // Hub connections (negotiate is a POST); each hub method authorises for itself.
        new(null, "/hubs", Role.Viewer),

        // The kill switch's own actions on orders: cancel everything, flatten an account.
        new("POST", "/api/orders/cancel-all", Role.Admin),
        new("POST", "/api/orders/flatten", Role.Admin),
        // The option calculator changes nothing: anyone who may read may calculate.
        new("POST", "/api/derivatives/calculator", Role.Viewer),
        // Expiration processing and assignment notices book positions and cash: operations, not trading.
        new("POST", "/api/derivatives/expirations", Role.Admin),
        new("POST", "/api/derivatives/assignments", Role.Admin),
        // The broker's books as reconciliation sees them, and their test-only adjustments.
        new(null, "/api/orders/broker", Role.Admin),
        // Trading: orders (incl. cancel and close-position), strategies, backtests, market data, derivatives.
        new(null, "/api/orders", Role.Trader),
        new(null, "/api/strategies", Role.Trader),
        new(null, "/api/backtest", Role.Trader),
        new(null, "/api/market", Role.Trader),
        new(null, "/api/derivatives", Role.Trader),

        // Control: trading state, kill switch, risk limits, the pre-trade check, Greeks limits, agents, reconciliation.
        new(null, "/api/risk", Role.Admin),
        new(null, "/api/greeks", Role.Admin),
        new(null, "/api/agents", Role.Admin),
        new(null, "/api/reconciliation", Role.Admin),
        // Operations: a trader acknowledges alerts; recording audit events is for services (admin tokens, checked again there).
        new(null, "/api/alerts", Role.Trader),
        new(null, "/api/audit", Role.Admin),
        new(null, "/api/portfolio", Role.Admin),
    ];

    /// <summary>Whether the policy governs a path at all.</summary>
    public static bool Governs(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    /// <summary>The role a request needs, or null for a path the policy does not govern.</summary>
    public static Role? RequiredRole(string method, PathString path)
    {
        if (!Governs(path))
        {
            return null;
        }

        foreach (var rule in Rules)
        {
            if ((rule.Method is null || HttpMethods.Equals(rule.Method, method)) && path.StartsWithSegments(rule.PathPrefix))
            {
                return rule.Required;
            }
        }

        return Role.Admin;
    }

    /// <summary>The API areas a service token may be sent to (never to a host outside the platform).</summary>
    public static readonly IReadOnlyList<string> PlatformAreas =
        ["portfolio", "risk", "greeks", "orders", "market", "strategies", "backtest", "derivatives", "reconciliation", "agents", "alerts", "audit"];
}
