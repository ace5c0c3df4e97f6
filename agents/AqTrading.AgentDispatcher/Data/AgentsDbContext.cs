using AqTrading.AgentDispatcher.Runs;
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
            run.ToTable("agent_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Role).HasConversion<string>().HasMaxLength(24);
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            run.Property(r => r.Task).HasMaxLength(4000);
            run.Property(r => r.Context).HasColumnType("jsonb");
            run.Property(r => r.Result).HasColumnType("jsonb");
            run.HasIndex(r => r.CreatedAt);
        });
    }
}

public sealed class AgentsDesignTimeFactory : DesignTimeDbContextFactory<AgentsDbContext>;
