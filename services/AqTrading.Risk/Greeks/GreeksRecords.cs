using System.Text.Json;
using AqTrading.Risk.Rules.Greeks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AqTrading.Risk.Greeks;

/// <summary>An account's edited Greeks limits (accounts without a row use <see cref="GreeksLimits.Default"/>).</summary>
public sealed class GreeksLimitsRecord
{
    public required string AccountId { get; init; }

    public required GreeksLimits Limits { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

/// <summary>One stored aggregate (account or strategy scope) for history.</summary>
public sealed class GreeksSnapshotRecord
{
    public long Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary><c>account</c> or <c>strategy</c>.</summary>
    public required string Scope { get; init; }

    public required string ScopeId { get; init; }

    public double DollarDelta { get; init; }

    public double GammaDollar { get; init; }

    public double VegaPer1Pct { get; init; }

    public double ThetaPerDay { get; init; }

    public double CoveragePct { get; init; }

    public int ValidLegs { get; init; }

    public int TotalLegs { get; init; }

    public DateTimeOffset AsOf { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A threshold alert: a scope's metric reached a level (first time, escalation or repeat after the dedupe window).</summary>
public sealed class GreeksAlertRecord
{
    public Guid Id { get; init; }

    public required string AccountId { get; init; }

    public required string Scope { get; init; }

    public required string ScopeId { get; init; }

    public required string Metric { get; init; }

    public required string Level { get; init; }

    public double Value { get; init; }

    public double Threshold { get; init; }

    public required string Message { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
}

/// <summary>The Greeks tables of riskdb.</summary>
public static class GreeksModel
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GreeksLimitsRecord>(limits =>
        {
            limits.ToTable("greeks_limits");
            limits.HasKey(l => l.AccountId);
            limits.Property(l => l.AccountId).HasMaxLength(64);
            limits.Property(l => l.UpdatedBy).HasMaxLength(128);
            limits.Property(l => l.Limits).HasColumnType("jsonb").HasConversion(
                value => JsonSerializer.Serialize(value, JsonOptions),
                json => JsonSerializer.Deserialize<GreeksLimits>(json, JsonOptions)!,
                new ValueComparer<GreeksLimits>((a, b) => Equals(a, b), value => value.GetHashCode(), value => value));
        });
        modelBuilder.Entity<GreeksSnapshotRecord>(snapshot =>
        {
            snapshot.ToTable("greeks_snapshots");
            snapshot.HasKey(s => s.Id);
            snapshot.Property(s => s.Id).UseIdentityAlwaysColumn();
            snapshot.Property(s => s.AccountId).HasMaxLength(64);
            snapshot.Property(s => s.Scope).HasMaxLength(16);
            snapshot.Property(s => s.ScopeId).HasMaxLength(128);
            // The history query: one scope's snapshots in a time window.
            snapshot.HasIndex(s => new { s.AccountId, s.Scope, s.ScopeId, s.CreatedAt });
        });
        modelBuilder.Entity<GreeksAlertRecord>(alert =>
        {
            alert.ToTable("greeks_alerts");
            alert.HasKey(a => a.Id);
            alert.Property(a => a.AccountId).HasMaxLength(64);
            alert.Property(a => a.Scope).HasMaxLength(16);
            alert.Property(a => a.ScopeId).HasMaxLength(128);
            alert.Property(a => a.Metric).HasMaxLength(32);
            alert.Property(a => a.Level).HasMaxLength(8);
            alert.Property(a => a.Message).HasMaxLength(512);
            alert.Property(a => a.AcknowledgedBy).HasMaxLength(128);
            alert.HasIndex(a => new { a.AccountId, a.CreatedAt });
        });
    }
}
