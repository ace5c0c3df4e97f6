using AqTrading.Orders.Lifecycle;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Data;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.AccountId).HasMaxLength(64);
            order.Property(o => o.StrategyId).HasMaxLength(64);
            order.Property(o => o.Symbol).HasMaxLength(32);
            order.Property(o => o.Side).HasConversion<string>().HasMaxLength(8);
            order.Property(o => o.Type).HasConversion<string>().HasMaxLength(16);
            order.Property(o => o.TimeInForce).HasConversion<string>().HasMaxLength(8);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
            order.Property(o => o.Quantity).HasPrecision(18, 4);
            order.Property(o => o.FilledQuantity).HasPrecision(18, 4);
            order.Property(o => o.LimitPrice).HasPrecision(18, 6);
            order.Property(o => o.StopPrice).HasPrecision(18, 6);
            order.Property(o => o.AverageFillPrice).HasPrecision(18, 6);
            order.Property(o => o.IdempotencyKey).HasMaxLength(128);
            order.Property(o => o.RejectReason).HasMaxLength(256);
            order.HasIndex(o => new { o.AccountId, o.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            order.HasIndex(o => new { o.Status, o.CreatedAt });
        });
    }
}

public sealed class OrdersDesignTimeFactory : DesignTimeDbContextFactory<OrdersDbContext>;
