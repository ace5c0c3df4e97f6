using AqTrading.Risk.TradingState;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Risk.Data;

public sealed class RiskDbContext(DbContextOptions<RiskDbContext> options) : ServiceDbContext(options)
{
    public DbSet<TradingStateRecord> TradingState => Set<TradingStateRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<TradingStateRecord>(state =>
        {
            state.ToTable("trading_state", t => t.HasCheckConstraint("ck_trading_state_singleton", "id = 1"));
            state.HasKey(s => s.Id);
            state.Property(s => s.Id).ValueGeneratedNever();
            state.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            state.Property(s => s.ChangedBy).HasMaxLength(128);
            state.Property(s => s.Reason).HasMaxLength(1024);
            // A new installation starts RUNNING, changed by "system" (reference §3.2).
            state.HasData(new TradingStateRecord
            {
                Id = TradingStateRecord.SingletonId, State = TradingStatus.Running, ChangedBy = "system", CanResume = true,
                Since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
        });
    }
}

public sealed class RiskDesignTimeFactory : DesignTimeDbContextFactory<RiskDbContext>;
