using AqTrading.Derivatives.Contracts;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Derivatives.Data;

public sealed class DerivativesDbContext(DbContextOptions<DerivativesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<DerivativeContract> Contracts => Set<DerivativeContract>();

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
            // Expiration scans: "what expires in the next N days".
            contract.HasIndex(c => c.Expiry);
            contract.HasIndex(c => c.Underlying);
        });
    }
}

public sealed class DerivativesDesignTimeFactory : DesignTimeDbContextFactory<DerivativesDbContext>;
