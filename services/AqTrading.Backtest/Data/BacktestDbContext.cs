using AqTrading.Backtest.Jobs;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Backtest.Data;

public sealed class BacktestDbContext(DbContextOptions<BacktestDbContext> options) : ServiceDbContext(options)
{
    public DbSet<BacktestRun> Runs => Set<BacktestRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<BacktestRun>(run =>
        {
            run.ToTable("backtest_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Strategy).HasMaxLength(64);
            run.Property(r => r.Request).HasColumnType("jsonb");
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            run.HasIndex(r => r.CreatedAt);
        });
    }
}

public sealed class BacktestDesignTimeFactory : DesignTimeDbContextFactory<BacktestDbContext>;
