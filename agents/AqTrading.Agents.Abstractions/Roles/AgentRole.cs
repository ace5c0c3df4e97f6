namespace AqTrading.Agents.Abstractions.Roles;

/// <summary>The four agents of the seed design.</summary>
public enum AgentRole { Researcher, Analyst, RiskController, Ops }

public static class AgentRoles
{
    public static readonly IReadOnlyList<AgentRole> All = [AgentRole.Researcher, AgentRole.Analyst, AgentRole.RiskController, AgentRole.Ops];

    /// <summary>The stable snake_case name used on the wire, in the database and in the API.</summary>
    public static string Name(this AgentRole role) => role switch
    {
        AgentRole.Researcher => "researcher",
        AgentRole.Analyst => "analyst",
        AgentRole.RiskController => "risk_controller",
        AgentRole.Ops => "ops",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out AgentRole role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
