using AqTrading.Portfolio.Accounts;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Portfolio.Data;

public sealed class PortfolioDbContext(DbContextOptions<PortfolioDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

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
            // The paper account starts with the reference implementation's default capital, $100,000.
            var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            account.HasData(new Account
            {
                Id = Account.PaperAccountId, Name = "Paper trading", Broker = "paper", Currency = "USD",
                Cash = 100_000m, CreatedAt = created, UpdatedAt = created,
            });
        });
    }
}

public sealed class PortfolioDesignTimeFactory : DesignTimeDbContextFactory<PortfolioDbContext>;
