using AqTrading.Reconciliation.Alerts;
using AqTrading.Reconciliation.Audit;
using AqTrading.Reconciliation.Runs;
using AqTrading.ServicePlatform.Persistence;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AqTrading.Reconciliation.Data;

public sealed class ReconciliationDbContext(DbContextOptions<ReconciliationDbContext> options) : ServiceDbContext(options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DbSet<ReconciliationRun> Runs => Set<ReconciliationRun>();

    public DbSet<Discrepancy> Discrepancies => Set<Discrepancy>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ReconciliationRun>(run =>
        {
            run.ToTable("reconciliation_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.AccountId).HasMaxLength(64);
            run.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
            run.Property(r => r.Findings).HasColumnType("jsonb").HasConversion(
                findings => JsonSerializer.Serialize(findings, Json),
                json => JsonSerializer.Deserialize<List<RunFinding>>(json, Json) ?? new List<RunFinding>(),
                new ValueComparer<List<RunFinding>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            run.HasIndex(r => r.StartedAt);
        });
        modelBuilder.Entity<Discrepancy>(d =>
        {
            d.ToTable("discrepancies");
            d.HasKey(x => x.Id);
            d.Property(x => x.AccountId).HasMaxLength(64);
            d.Property(x => x.Key).HasMaxLength(128);
            d.Property(x => x.Type).HasMaxLength(32);
            d.Property(x => x.Severity).HasMaxLength(16);
            d.Property(x => x.Symbol).HasMaxLength(64);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.ResolvedBy).HasMaxLength(128);
            d.Property(x => x.ResolutionNote).HasMaxLength(1000);
            // One open discrepancy per difference: a concurrent run finding the same one loses on this index.
            d.HasIndex(x => new { x.AccountId, x.Key }).IsUnique().HasFilter("status = 'Open'");
            d.HasIndex(x => x.FirstSeenAt);
        });
        modelBuilder.Entity<AuditEntry>(a =>
        {
            a.ToTable("audit_entries");
            a.HasKey(x => x.Sequence);
            a.Property(x => x.Sequence).ValueGeneratedNever();
            a.Property(x => x.EventType).HasMaxLength(64);
            a.Property(x => x.ActorType).HasMaxLength(16);
            a.Property(x => x.ActorId).HasMaxLength(128);
            a.Property(x => x.ResourceType).HasMaxLength(32);
            a.Property(x => x.ResourceId).HasMaxLength(128);
            a.Property(x => x.Source).HasMaxLength(64);
            a.Property(x => x.PreviousHash).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(64);
            a.HasIndex(x => x.Id).IsUnique();
            a.HasIndex(x => x.CorrelationId).IsUnique().HasFilter("correlation_id IS NOT NULL");
            a.HasIndex(x => new { x.EventType, x.OccurredAt });
            a.HasIndex(x => new { x.ResourceType, x.ResourceId });
        });
        modelBuilder.Entity<Alert>(a =>
        {
            a.ToTable("alerts");
            a.HasKey(x => x.Id);
            a.Property(x => x.Type).HasMaxLength(48);
            a.Property(x => x.Fingerprint).HasMaxLength(256);
            a.Property(x => x.DedupeKey).HasMaxLength(320);
            a.Property(x => x.Summary).HasMaxLength(255);
            a.Property(x => x.Details).HasColumnType("jsonb");
            a.Property(x => x.AccountId).HasMaxLength(64);
            a.Property(x => x.Symbol).HasMaxLength(64);
            a.Property(x => x.StrategyId).HasMaxLength(64);
            a.Property(x => x.AcknowledgedBy).HasMaxLength(128);
            a.HasIndex(x => new { x.Type, x.DedupeKey }).IsUnique();
            a.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<AlertDelivery>(d =>
        {
            d.ToTable("alert_deliveries");
            d.HasKey(x => x.Id);
            d.Property(x => x.Channel).HasMaxLength(16);
            d.Property(x => x.Destination).HasMaxLength(64);
            d.Property(x => x.Status).HasMaxLength(16);
            d.Property(x => x.Error).HasMaxLength(1000);
            d.HasIndex(x => new { x.AlertId, x.Destination, x.Attempt }).IsUnique();
        });
    }
}

public sealed class ReconciliationDesignTimeFactory : DesignTimeDbContextFactory<ReconciliationDbContext>;
