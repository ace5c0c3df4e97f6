using System.Text.Json;
using AqTrading.Risk.Limits;
using AqTrading.Risk.TradingState;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AqTrading.Risk.Data;

public sealed class RiskDbContext(DbContextOptions<RiskDbContext> options) : ServiceDbContext(options)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public DbSet<TradingStateRecord> TradingState => Set<TradingStateRecord>();

    public DbSet<AccountRiskLimits> Limits => Set<AccountRiskLimits>();

    public DbSet<Greeks.GreeksLimitsRecord> GreeksLimits => Set<Greeks.GreeksLimitsRecord>();

    public DbSet<Greeks.GreeksSnapshotRecord> GreeksSnapshots => Set<Greeks.GreeksSnapshotRecord>();

    public DbSet<Greeks.GreeksAlertRecord> GreeksAlerts => Set<Greeks.GreeksAlertRecord>();

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
                Id = TradingStateRecord.SingletonId, State = Rules.TradingState.Running, ChangedBy = "system", CanResume = true,
                Since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
        });
        modelBuilder.Entity<AccountRiskLimits>(limits =>
        {
            limits.ToTable("risk_limits");
            limits.HasKey(l => l.AccountId);
            limits.Property(l => l.AccountId).HasMaxLength(64);
            limits.Property(l => l.UpdatedBy).HasMaxLength(128);
            limits.Property(l => l.Limits).HasColumnType("jsonb").HasConversion(
                document => JsonSerializer.Serialize(document, JsonOptions),
                json => JsonSerializer.Deserialize<RiskLimitsDocument>(json, JsonOptions)!,
                new ValueComparer<RiskLimitsDocument>(
                    (a, b) => JsonSerializer.Serialize(a, JsonOptions) == JsonSerializer.Serialize(b, JsonOptions),
                    document => JsonSerializer.Serialize(document, JsonOptions).GetHashCode(),
                    document => JsonSerializer.Deserialize<RiskLimitsDocument>(JsonSerializer.Serialize(document, JsonOptions), JsonOptions)!));
        });
        Greeks.GreeksModel.Configure(modelBuilder);
    }
}

public sealed class RiskDesignTimeFactory : DesignTimeDbContextFactory<RiskDbContext>;
