using AqTrading.Portfolio.Accounts;
using AqTrading.Portfolio.Books;
using AqTrading.Portfolio.Positions;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Portfolio.Data;

public sealed class PortfolioDbContext(DbContextOptions<PortfolioDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<PositionRecord> Positions => Set<PositionRecord>();

    public DbSet<TransactionRecord> Transactions => Set<TransactionRecord>();

    public DbSet<EquityWatermark> Watermarks => Set<EquityWatermark>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Account>(account =>
        {
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasMaxLength(64);
            account.Property(a => a.Name).HasMaxLength(128);
            account.Property(a => a.Broker).HasMaxLength(32);
            account.Property(a => a.Currency).HasMaxLength(3);
            account.Property(a => a.Cash).HasPrecision(18, 4);
            account.Property(a => a.RealizedPnl).HasPrecision(18, 4);
        });
        modelBuilder.Entity<PositionRecord>(position =>
        {
            position.ToTable("positions");
            position.HasKey(p => p.Id);
            position.Property(p => p.AccountId).HasMaxLength(64);
            position.Property(p => p.Symbol).HasMaxLength(32);
            position.Property(p => p.StrategyId).HasMaxLength(64);
            position.Property(p => p.AssetType).HasConversion<string>().HasMaxLength(8);
            position.Property(p => p.Multiplier).HasPrecision(18, 4);
            position.Property(p => p.Quantity).HasPrecision(18, 4);
            position.Property(p => p.AverageCost).HasPrecision(24, 10);
            // One position per (account, symbol, strategy); manual trades (no strategy) share one too.
            position.HasIndex(p => new { p.AccountId, p.Symbol, p.StrategyId }).IsUnique().AreNullsDistinct(false);
            position.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
        });
        modelBuilder.Entity<TransactionRecord>(transaction =>
        {
            transaction.ToTable("transactions");
            transaction.HasKey(t => t.Id);
            transaction.Property(t => t.FillId).HasMaxLength(128);
            transaction.Property(t => t.AccountId).HasMaxLength(64);
            transaction.Property(t => t.Symbol).HasMaxLength(32);
            transaction.Property(t => t.StrategyId).HasMaxLength(64);
            transaction.Property(t => t.Side).HasConversion<string>().HasMaxLength(4);
            foreach (var money in new[] { "Quantity", "Fees", "RealizedPnl", "CashChange" })
            {
                transaction.Property(money).HasPrecision(18, 4);
            }

            transaction.Property(t => t.Price).HasPrecision(18, 6);
            transaction.HasIndex(t => t.FillId).IsUnique();
            transaction.HasIndex(t => new { t.AccountId, t.ExecutedAt });
            transaction.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId);
        });
        modelBuilder.Entity<EquityWatermark>(mark =>
        {
            mark.ToTable("equity_watermarks");
            mark.HasKey(m => new { m.AccountId, m.TradingDay });
            mark.Property(m => m.AccountId).HasMaxLength(64);
            mark.Property(m => m.StartEquity).HasPrecision(18, 4);
            mark.Property(m => m.PeakEquity).HasPrecision(18, 4);
            mark.Property(m => m.LastEquity).HasPrecision(18, 4);
            mark.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId);
        });
    }
}

public sealed class PortfolioDesignTimeFactory : DesignTimeDbContextFactory<PortfolioDbContext>;
