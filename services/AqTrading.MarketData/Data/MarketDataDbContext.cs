using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Bars;
using AqTrading.MarketData.Instruments;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.MarketData.Data;

public sealed class MarketDataDbContext(DbContextOptions<MarketDataDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Instrument> Instruments => Set<Instrument>();

    /// <summary>Completed bars, read-only through EF; written in bulk by <see cref="BarStore"/>.</summary>
    public DbSet<Bar> Bars => Set<Bar>();

    public DbSet<FactorRecord> Factors => Set<FactorRecord>();

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
        modelBuilder.Entity<Bar>(bar =>
        {
            bar.ToTable("bars");
            // The primary key is the unique (symbol, resolution, start) that imports and replays upsert on; its index
            // also serves every history query (one symbol and resolution, a range of starts, in either direction).
            bar.HasKey(b => new { b.Symbol, b.Resolution, b.Start });
            bar.Property(b => b.Symbol).HasMaxLength(32);
            bar.Property(b => b.Resolution).HasMaxLength(4);
            foreach (var price in new[] { nameof(Bar.Open), nameof(Bar.High), nameof(Bar.Low), nameof(Bar.Close) })
            {
                bar.Property(price).HasPrecision(19, 6);
            }
        });
        modelBuilder.Entity<FactorRecord>(factor =>
        {
            factor.ToTable("factor_rows");
            factor.HasKey(f => new { f.Symbol, f.Date });
            factor.Property(f => f.Symbol).HasMaxLength(32);
            factor.Property(f => f.PriceFactor).HasPrecision(19, 10);
            factor.Property(f => f.SplitFactor).HasPrecision(19, 10);
            factor.Property(f => f.ReferencePrice).HasPrecision(19, 6);
        });
    }
}

public sealed class MarketDataDesignTimeFactory : DesignTimeDbContextFactory<MarketDataDbContext>;
