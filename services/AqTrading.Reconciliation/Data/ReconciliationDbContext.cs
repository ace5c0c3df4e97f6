using AqTrading.Reconciliation.Runs;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Reconciliation.Data;

public sealed class ReconciliationDbContext(DbContextOptions<ReconciliationDbContext> options) : ServiceDbContext(options)
{
    public DbSet<ReconciliationRun> Runs => Set<ReconciliationRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ReconciliationRun>(run =>
        {
            run.ToTable("reconciliation_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.AccountId).HasMaxLength(64);
            run.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
            run.HasIndex(r => r.StartedAt);
        });
    }
}

public sealed class ReconciliationDesignTimeFactory : DesignTimeDbContextFactory<ReconciliationDbContext>;
