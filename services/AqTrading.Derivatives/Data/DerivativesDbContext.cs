using AqTrading.Derivatives.Contracts;
using AqTrading.Derivatives.Expirations;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Derivatives.Data;

public sealed class DerivativesDbContext(DbContextOptions<DerivativesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<DerivativeContract> Contracts => Set<DerivativeContract>();

    public DbSet<ExpirationAction> ExpirationActions => Set<ExpirationAction>();

    public DbSet<ExpiryRun> ExpiryRuns => Set<ExpiryRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<DerivativeContract>(contract =>
        {
            contract.ToTable("derivative_contracts");
            contract.HasKey(c => c.Symbol);
            contract.Property(c => c.Symbol).HasMaxLength(32);
            contract.Property(c => c.Underlying).HasMaxLength(32);
            contract.Property(c => c.ContractType).HasMaxLength(16);
            contract.Property(c => c.Right).HasMaxLength(4);
            contract.Property(c => c.Strike).HasPrecision(18, 4);
            contract.Property(c => c.Multiplier).HasPrecision(18, 4);
            contract.Property(c => c.Style).HasMaxLength(16);
            contract.Property(c => c.TickSize).HasPrecision(18, 8);
            contract.Property(c => c.Exchange).HasMaxLength(16);
            contract.Property(c => c.Currency).HasMaxLength(8);
            // Expiration scans: "what expires in the next N days".
            contract.HasIndex(c => c.Expiry);
            contract.HasIndex(c => c.Underlying);
        });
        modelBuilder.Entity<ExpirationAction>(action =>
        {
            action.ToTable("expiration_actions");
            action.HasKey(a => a.Id);
            action.Property(a => a.BookingId).HasMaxLength(200);
            action.HasIndex(a => a.BookingId).IsUnique();
            action.Property(a => a.AccountId).HasMaxLength(64);
            action.Property(a => a.StrategyId).HasMaxLength(64);
            action.Property(a => a.Symbol).HasMaxLength(32);
            action.Property(a => a.ContractType).HasMaxLength(16);
            action.Property(a => a.Underlying).HasMaxLength(32);
            action.Property(a => a.Kind).HasMaxLength(32);
            action.Property(a => a.Status).HasMaxLength(16);
            action.Property(a => a.Quantity).HasPrecision(18, 4);
            action.Property(a => a.Strike).HasPrecision(18, 4);
            action.Property(a => a.UnderlyingPrice).HasPrecision(18, 4);
            action.Property(a => a.ShareQuantity).HasPrecision(18, 4);
            action.Property(a => a.CashChange).HasPrecision(18, 4);
            action.HasIndex(a => a.Expiry);
        });
        modelBuilder.Entity<ExpiryRun>(run =>
        {
            run.ToTable("expiry_runs");
            run.HasKey(r => r.Date);
        });
    }
}

public sealed class DerivativesDesignTimeFactory : DesignTimeDbContextFactory<DerivativesDbContext>;
