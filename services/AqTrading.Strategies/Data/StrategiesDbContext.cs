using AqTrading.ServicePlatform.Persistence;
using AqTrading.Strategies.Registry;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Strategies.Data;

public sealed class StrategiesDbContext(DbContextOptions<StrategiesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<StrategyDefinition> Strategies => Set<StrategyDefinition>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<StrategyDefinition>(strategy =>
        {
            strategy.ToTable("strategies");
            strategy.HasKey(s => s.Id);
            strategy.Property(s => s.Id).HasMaxLength(64);
            strategy.Property(s => s.Kind).HasMaxLength(64);
            strategy.Property(s => s.AccountId).HasMaxLength(64);
            strategy.Property(s => s.Parameters).HasColumnType("jsonb");
            strategy.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        });
    }
}

public sealed class StrategiesDesignTimeFactory : DesignTimeDbContextFactory<StrategiesDbContext>;
