using AqTrading.MarketData.Instruments;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.MarketData.Data;

public sealed class MarketDataDbContext(DbContextOptions<MarketDataDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Instrument> Instruments => Set<Instrument>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Instrument>(instrument =>
        {
            instrument.HasKey(i => i.Symbol);
            instrument.Property(i => i.Symbol).HasMaxLength(32);
            instrument.Property(i => i.AssetClass).HasMaxLength(16);
            instrument.Property(i => i.Currency).HasMaxLength(3);
            instrument.Property(i => i.Exchange).HasMaxLength(16);
            instrument.Property(i => i.Underlying).HasMaxLength(32);
            instrument.Property(i => i.Right).HasMaxLength(4);
            instrument.Property(i => i.Multiplier).HasPrecision(18, 4);
            instrument.Property(i => i.TickSize).HasPrecision(18, 8);
            instrument.Property(i => i.Strike).HasPrecision(18, 4);
            instrument.HasIndex(i => i.Underlying);
        });
    }
}

public sealed class MarketDataDesignTimeFactory : DesignTimeDbContextFactory<MarketDataDbContext>;
