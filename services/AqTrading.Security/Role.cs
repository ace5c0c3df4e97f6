using System.Security.Claims;

namespace AqTrading.Security;

/// <summary>
/// What a caller may do, each role including the ones below it: a trader can read, an admin can trade.
/// <see cref="Anonymous"/> is for the few paths that need no token (signing in).
/// </summary>
public enum Role
{
    Anonymous = 0,
    /// <summary>Reads everything.</summary>
    Viewer = 1,
    /// <summary>Orders (incl. cancel and close-position), strategies, backtests, market-data writes.</summary>
    Trader = 2,
    /// <summary>Everything: kill switch, trading state, risk limits, agents, reconciliation.</summary>
    Admin = 3,
}

public static class Roles
{
    public const string Viewer = "viewer";
    public const string Trader = "trader";
    public const string Admin = "admin";

    public static string NameOf(Role role) => role.ToString().ToLowerInvariant();

    public static Role? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Viewer => Role.Viewer,
        Trader => Role.Trader,
        Admin => Role.Admin,
        _ => null,
    };

    /// <summary>"viewer, trader" → the known role names, lower case; unknown names are dropped.</summary>
    public static IReadOnlyList<string> ParseList(string? names) =>
        (names ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(Parse).OfType<Role>().Distinct().Select(NameOf).ToList();

    /// <summary>The highest role among the user's role claims (each identity's own role claim type).</summary>
    public static Role Highest(ClaimsPrincipal user)
    {
        var highest = Role.Anonymous;
        foreach (var identity in user.Identities.Where(i => i.IsAuthenticated))
        {
            foreach (var claim in identity.FindAll(identity.RoleClaimType))
            {
                if (Parse(claim.Value) is { } role && role > highest)
                {
                    highest = role;
                }
            }
        }

        return highest;
    }
}
