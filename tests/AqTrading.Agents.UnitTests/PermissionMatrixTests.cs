using System.Text.Json;
using AqTrading.Agents.Abstractions.Permissions;
using AqTrading.Agents.Abstractions.Roles;
using AqTrading.Agents.Abstractions.Tools;

namespace AqTrading.Agents.UnitTests;

public class PermissionMatrixTests
{
    private static readonly JsonElement NoArgs = JsonDocument.Parse("{}").RootElement;

    private static JsonElement Write(string key) => JsonSerializer.SerializeToElement(new { key, value = 0.5 });

    [Theory]
    // researcher: reads market data, portfolio, backtest; executes backtests; writes nothing; no reconciliation.
    [InlineData(AgentRole.Researcher, ToolNames.MarketBars, true)]
    [InlineData(AgentRole.Researcher, ToolNames.PortfolioSnapshot, true)]
    [InlineData(AgentRole.Researcher, ToolNames.BacktestJob, true)]
    [InlineData(AgentRole.Researcher, ToolNames.BacktestRun, true)]
    [InlineData(AgentRole.Researcher, ToolNames.BacktestWalkForward, true)]
    [InlineData(AgentRole.Researcher, ToolNames.ReconciliationDiscrepancies, false)]
    // analyst: reads market data and portfolio; no backtests, no reconciliation.
    [InlineData(AgentRole.Analyst, ToolNames.MarketQuote, true)]
    [InlineData(AgentRole.Analyst, ToolNames.PortfolioSnapshot, true)]
    [InlineData(AgentRole.Analyst, ToolNames.BacktestRun, false)]
    [InlineData(AgentRole.Analyst, ToolNames.BacktestJob, false)]
    [InlineData(AgentRole.Analyst, ToolNames.ReconciliationRuns, false)]
    // risk controller: portfolio (and market data for the regime); never backtests or reconciliation.
    [InlineData(AgentRole.RiskController, ToolNames.PortfolioSnapshot, true)]
    [InlineData(AgentRole.RiskController, ToolNames.MarketVolatilityRegime, true)]
    [InlineData(AgentRole.RiskController, ToolNames.BacktestWalkForward, false)]
    [InlineData(AgentRole.RiskController, ToolNames.ReconciliationDiscrepancies, false)]
    // ops: reconciliation only.
    [InlineData(AgentRole.Ops, ToolNames.ReconciliationDiscrepancies, true)]
    [InlineData(AgentRole.Ops, ToolNames.ReconciliationRuns, true)]
    [InlineData(AgentRole.Ops, ToolNames.PortfolioSnapshot, false)]
    [InlineData(AgentRole.Ops, ToolNames.MarketBars, false)]
    [InlineData(AgentRole.Ops, ToolNames.BacktestRun, false)]
    public void Each_role_reads_and_executes_only_what_the_seed_matrix_grants(AgentRole role, string tool, bool allowed)
    {
        var decision = PermissionMatrix.Check(role, tool, NoArgs);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed, decision.Reason is null);
    }

    [Theory]
    [InlineData(AgentRole.RiskController, "risk_bias", true)]
    [InlineData(AgentRole.RiskController, "sentiment:AAPL", false)]
    [InlineData(AgentRole.RiskController, "risk_bias_x", false)]
    [InlineData(AgentRole.Analyst, "sentiment:AAPL", true)]
    [InlineData(AgentRole.Analyst, "events:FOMC", true)]
    [InlineData(AgentRole.Analyst, "risk_bias", false)]
    [InlineData(AgentRole.Analyst, "quote:AAPL", false)]
    [InlineData(AgentRole.Analyst, "sentiment:a/b", false)]
    [InlineData(AgentRole.Researcher, "sentiment:AAPL", false)]
    [InlineData(AgentRole.Ops, "events:FOMC", false)]
    public void Redis_writes_are_allowed_only_on_the_roles_key_patterns(AgentRole role, string key, bool allowed)
    {
        var decision = PermissionMatrix.Check(role, ToolNames.RedisWrite, Write(key));

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal($"write:redis:{key}", decision.Requirement);
    }

    [Fact]
    public void A_denial_names_the_role_and_what_it_wanted()
    {
        var decision = PermissionMatrix.Check(AgentRole.Analyst, ToolNames.RedisWrite, Write("risk_bias"));

        Assert.False(decision.Allowed);
        Assert.Contains("analyst", decision.Reason);
        Assert.Contains("risk_bias", decision.Reason);
    }

    [Fact]
    public void Unknown_tools_and_writes_without_a_key_are_denied_for_every_role()
    {
        foreach (var role in AgentRoles.All)
        {
            Assert.False(PermissionMatrix.Check(role, "shell.exec", NoArgs).Allowed);
            Assert.False(PermissionMatrix.Check(role, ToolNames.RedisWrite, NoArgs).Allowed);
        }
    }

    [Theory]
    [InlineData("sentiment:*", "sentiment:AAPL", true)]
    [InlineData("sentiment:*", "sentiment:", true)]
    [InlineData("sentiment:*", "sentiment:a/b", false)]
    [InlineData("logs/**", "logs/a/b/c", true)]
    [InlineData("risk_bias", "risk_bias", true)]
    [InlineData("risk_bias", "xrisk_bias", false)]
    [InlineData("events:*", "events", false)]
    public void Glob_is_anchored_and_a_single_star_stops_at_a_slash(string pattern, string text, bool matches) =>
        Assert.Equal(matches, Glob.Matches(pattern, text));

    [Fact]
    public void Role_names_round_trip_in_snake_case()
    {
        foreach (var role in AgentRoles.All)
        {
            Assert.True(AgentRoles.TryParse(role.Name(), out var parsed));
            Assert.Equal(role, parsed);
        }

        Assert.Equal("risk_controller", AgentRole.RiskController.Name());
        Assert.False(AgentRoles.TryParse("admin", out _));
        Assert.False(AgentRoles.TryParse(null, out _));
    }
}
