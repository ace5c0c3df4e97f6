using System.Text.Json;
using AqTrading.Agents.Abstractions.Roles;
using AqTrading.Agents.Abstractions.Tools;

namespace AqTrading.Agents.Abstractions.Permissions;

/// <summary>The data areas a tool reads or runs work in.</summary>
public static class Resources
{
    public const string MarketData = "market_data";
    public const string Portfolio = "portfolio";
    public const string Backtest = "backtest";
    public const string Reconciliation = "reconciliation";
}

/// <summary>What one role may do: read areas, execute work in areas, write Redis keys matching glob patterns.</summary>
public sealed record RolePermissions(
    AgentRole Role,
    IReadOnlyList<string> Reads,
    IReadOnlyList<string> Executes,
    IReadOnlyList<string> Writes);

/// <summary>The verdict on one tool call; <see cref="Reason"/> says why it was denied.</summary>
public sealed record PermissionDecision(bool Allowed, string Requirement, string? Reason)
{
    public static PermissionDecision Allow(string requirement) => new(true, requirement, null);

    public static PermissionDecision Deny(string requirement, string reason) => new(false, requirement, reason);
}

/// <summary>
/// The seed's permission matrix (reference §15, <c>agents/permissions.py</c>), reduced to the areas this platform has.
/// Every tool call is checked here before it executes; nothing is granted by default (the seed's checker granted
/// everything to a defined role, and its tools were never checked at all).
/// The risk controller also reads market data: it derives the bias from the volatility regime as well as the
/// drawdown, as the seed's code grants (<c>risk_controller: market_data/**</c>).
/// </summary>
public static class PermissionMatrix
{
    public static readonly IReadOnlyList<RolePermissions> Roles =
    [
        new(AgentRole.Researcher, [Resources.MarketData, Resources.Portfolio, Resources.Backtest], [Resources.Backtest], []),
        new(AgentRole.Analyst, [Resources.MarketData, Resources.Portfolio], [], ["sentiment:*", "events:*"]),
        new(AgentRole.RiskController, [Resources.Portfolio, Resources.MarketData], [], ["risk_bias"]),
        new(AgentRole.Ops, [Resources.Reconciliation], [], []),
    ];

    public static RolePermissions For(AgentRole role) => Roles.Single(r => r.Role == role);

    /// <summary>Checks a tool call (its name and arguments) against the role's permissions.</summary>
    public static PermissionDecision Check(AgentRole role, string tool, JsonElement args)
    {
        var permissions = For(role);
        switch (tool)
        {
            case ToolNames.MarketQuote or ToolNames.MarketBars or ToolNames.MarketVolatilityRegime:
                return Read(permissions, Resources.MarketData);
            case ToolNames.PortfolioSnapshot:
                return Read(permissions, Resources.Portfolio);
            case ToolNames.BacktestJob:
                return Read(permissions, Resources.Backtest);
            case ToolNames.BacktestRun or ToolNames.BacktestWalkForward:
                return permissions.Executes.Contains(Resources.Backtest)
                    ? PermissionDecision.Allow($"execute:{Resources.Backtest}")
                    : PermissionDecision.Deny($"execute:{Resources.Backtest}", $"{role.Name()} may not execute {Resources.Backtest} runs.");
            case ToolNames.ReconciliationDiscrepancies or ToolNames.ReconciliationRuns:
                return Read(permissions, Resources.Reconciliation);
            case ToolNames.RedisWrite:
                var key = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String
                    ? k.GetString()!
                    : "";
                var requirement = $"write:redis:{key}";
                if (key.Length == 0)
                {
                    return PermissionDecision.Deny(requirement, "A Redis write names no key.");
                }

                return permissions.Writes.Any(pattern => Glob.Matches(pattern, key))
                    ? PermissionDecision.Allow(requirement)
                    : PermissionDecision.Deny(requirement, $"{role.Name()} may not write Redis key '{key}'.");
            default:
                return PermissionDecision.Deny($"tool:{tool}", $"Unknown tool '{tool}'.");
        }
    }

    private static PermissionDecision Read(RolePermissions permissions, string resource) =>
        permissions.Reads.Contains(resource)
            ? PermissionDecision.Allow($"read:{resource}")
            : PermissionDecision.Deny($"read:{resource}", $"{permissions.Role.Name()} may not read {resource}.");
}

/// <summary>
/// The seed's glob: anchored; <c>*</c> matches any run of characters except '/', <c>**</c> matches anything.
/// </summary>
public static class Glob
{
    public static bool Matches(string pattern, string text) => Match(pattern, 0, text, 0);

    private static bool Match(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                var any = p + 1 < pattern.Length && pattern[p + 1] == '*';
                var next = p + (any ? 2 : 1);
                for (var end = t; end <= text.Length; end++)
                {
                    if (Match(pattern, next, text, end))
                    {
                        return true;
                    }

                    if (end < text.Length && !any && text[end] == '/')
                    {
                        return false;
                    }
                }

                return false;
            }

            if (t >= text.Length || pattern[p] != text[t])
            {
                return false;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }
}
