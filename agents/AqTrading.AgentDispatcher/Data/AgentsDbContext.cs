using AqTrading.AgentDispatcher.Runs;
using AqTrading.Agents.Abstractions.Roles;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.AgentDispatcher.Data;

public sealed class AgentsDbContext(DbContextOptions<AgentsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<AgentRun> Runs => Set<AgentRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<AgentRun>(run =>
        {
            run.ToTable("agent_results");
            run.HasKey(r => r.Id);
            run.Ignore(r => r.IsTerminal);
            run.Property(r => r.Role).HasConversion(role => role.Name(), name => Parse(name)).HasMaxLength(24);
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            run.Property(r => r.Task).HasMaxLength(4000);
            run.Property(r => r.Trigger).HasMaxLength(100);
            run.Property(r => r.Context).HasColumnType("jsonb");
            run.Property(r => r.Result).HasColumnType("jsonb");
            run.Property(r => r.ToolCalls).HasColumnType("jsonb");
            run.Property(r => r.Sandbox).HasColumnType("jsonb");
            run.HasIndex(r => r.CreatedAt);
            run.HasIndex(r => new { r.Role, r.CreatedAt });
        });
    }

    private static AgentRole Parse(string name) =>
        AgentRoles.TryParse(name, out var role) ? role : throw new InvalidOperationException($"Unknown agent role '{name}' in agent_results.");
}

public sealed class AgentsDesignTimeFactory : DesignTimeDbContextFactory<AgentsDbContext>;
