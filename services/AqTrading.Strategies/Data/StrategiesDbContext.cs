using AqTrading.ServicePlatform.Persistence;
using AqTrading.Strategies.Fills;
using AqTrading.Strategies.Registry;
using AqTrading.Strategies.Signals;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Strategies.Data;

public sealed class StrategiesDbContext(DbContextOptions<StrategiesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<StrategyDefinition> Strategies => Set<StrategyDefinition>();

    public DbSet<SignalRecord> Signals => Set<SignalRecord>();

    public DbSet<StrategyFillRecord> Fills => Set<StrategyFillRecord>();

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
            strategy.Property(s => s.Resolution).HasMaxLength(8).HasDefaultValue("1m");
            strategy.Property(s => s.Mode).HasMaxLength(16);
            strategy.Property(s => s.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<SignalRecord>(signal =>
        {
            signal.ToTable("strategy_signals");
            signal.HasKey(s => s.Id);
            signal.Property(s => s.Sequence).UseIdentityAlwaysColumn();
            signal.Property(s => s.StrategyId).HasMaxLength(64);
            signal.Property(s => s.Symbol).HasMaxLength(32);
            signal.Property(s => s.Side).HasConversion<string>().HasMaxLength(8);
            signal.Property(s => s.OrderType).HasConversion<string>().HasMaxLength(16);
            signal.Property(s => s.Reason).HasMaxLength(500);
            signal.Property(s => s.FactorScores).HasColumnType("jsonb");
            signal.Property(s => s.OrderStatus).HasMaxLength(32);
            signal.Property(s => s.RejectCode).HasMaxLength(64);
            signal.Property(s => s.Error).HasMaxLength(2000);
            // The signals API: one strategy's signals, newest first.
            signal.HasIndex(s => new { s.StrategyId, s.Sequence });
        });
        modelBuilder.Entity<StrategyFillRecord>(fill =>
        {
            fill.ToTable("strategy_fills");
            fill.HasKey(f => f.FillId);
            fill.Property(f => f.FillId).HasMaxLength(128);
            fill.Property(f => f.StrategyId).HasMaxLength(64);
            fill.Property(f => f.Symbol).HasMaxLength(32);
            fill.Property(f => f.Side).HasConversion<string>().HasMaxLength(8);
            fill.HasIndex(f => new { f.StrategyId, f.OccurredAt });
        });
    }
}

public sealed class StrategiesDesignTimeFactory : DesignTimeDbContextFactory<StrategiesDbContext>;
