using AqTrading.Orders.Close;
using AqTrading.Orders.Lifecycle;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.Orders.Data;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderFillRecord> Fills => Set<OrderFillRecord>();

    public DbSet<CloseRequest> CloseRequests => Set<CloseRequest>();

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
            order.Property(o => o.AssetClass).HasMaxLength(8);
            order.Property(o => o.Multiplier).HasPrecision(18, 4);
            order.Property(o => o.Quantity).HasPrecision(18, 4);
            order.Property(o => o.FilledQuantity).HasPrecision(18, 4);
            order.Property(o => o.LimitPrice).HasPrecision(18, 6);
            order.Property(o => o.StopPrice).HasPrecision(18, 6);
            order.Property(o => o.AverageFillPrice).HasPrecision(24, 10);
            order.Property(o => o.BrokerOrderId).HasMaxLength(64);
            order.Property(o => o.IdempotencyKey).HasMaxLength(128);
            order.Property(o => o.RejectCode).HasMaxLength(64);
            order.Property(o => o.RejectMessage).HasMaxLength(512);
            order.HasIndex(o => new { o.AccountId, o.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            order.HasIndex(o => new { o.Status, o.CreatedAt });
            order.HasIndex(o => new { o.Symbol, o.CreatedAt });
            order.HasIndex(o => new { o.StrategyId, o.CreatedAt });
            order.HasMany(o => o.Fills).WithOne().HasForeignKey(f => f.OrderId);
            order.HasMany(o => o.Transitions).WithOne().HasForeignKey(t => t.OrderId);
        });
        modelBuilder.Entity<CloseRequest>(close =>
        {
            close.ToTable("close_requests");
            close.HasKey(c => c.Id);
            close.Property(c => c.AccountId).HasMaxLength(64);
            close.Property(c => c.Symbol).HasMaxLength(32);
            close.Property(c => c.StrategyId).HasMaxLength(64);
            close.Property(c => c.IdempotencyKey).HasMaxLength(128);
            close.Property(c => c.Side).HasConversion<string>().HasMaxLength(8);
            close.Property(c => c.AssetClass).HasMaxLength(8);
            close.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            close.Property(c => c.FailureReason).HasMaxLength(256);
            close.Property(c => c.Multiplier).HasPrecision(18, 4);
            close.Property(c => c.TargetQuantity).HasPrecision(18, 4);
            close.Property(c => c.FilledQuantity).HasPrecision(18, 4);
            close.Ignore(c => c.RemainingQuantity);
            close.HasIndex(c => new { c.AccountId, c.IdempotencyKey }).IsUnique();
            // At most one close working per position: a second one is a 409, decided by the database.
            close.HasIndex(c => new { c.AccountId, c.Symbol, c.StrategyId }).IsUnique().AreNullsDistinct(false)
                .HasFilter("status IN ('Working', 'Retryable')").HasDatabaseName("ux_close_requests_active");
        });
        modelBuilder.Entity<OrderFillRecord>(fill =>
        {
            fill.ToTable("order_fills");
            fill.HasKey(f => f.Id);
            fill.Property(f => f.FillId).HasMaxLength(128);
            fill.Property(f => f.Quantity).HasPrecision(18, 4);
            fill.Property(f => f.Price).HasPrecision(18, 6);
            fill.Property(f => f.Fees).HasPrecision(18, 4);
            fill.HasIndex(f => f.FillId).IsUnique();
        });
        modelBuilder.Entity<OrderTransition>(transition =>
        {
            transition.ToTable("order_transitions");
            transition.HasKey(t => t.Id);
            transition.Property(t => t.From).HasConversion<string>().HasMaxLength(24);
            transition.Property(t => t.To).HasConversion<string>().HasMaxLength(24);
            transition.Property(t => t.Reason).HasMaxLength(128);
            transition.HasIndex(t => t.OrderId);
        });
    }
}

public sealed class OrdersDesignTimeFactory : DesignTimeDbContextFactory<OrdersDbContext>;
