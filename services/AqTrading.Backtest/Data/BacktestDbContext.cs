using System.Text.Json;
using AqTrading.Backtest.Jobs;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AqTrading.Backtest.Data;

public sealed class BacktestDbContext(DbContextOptions<BacktestDbContext> options) : ServiceDbContext(options)
{
    public DbSet<BacktestJob> Jobs => Set<BacktestJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<BacktestJob>(job =>
        {
            job.ToTable("backtest_jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.Sequence).UseIdentityAlwaysColumn();
            job.HasIndex(j => j.Sequence).IsUnique();
            // Stored as the API spells them (snake_case), so SQL and JSON read the same.
            job.Property(j => j.Kind).HasConversion(SnakeCase<JobKind>()).HasMaxLength(16);
            job.Property(j => j.Status).HasConversion(SnakeCase<JobStatus>()).HasMaxLength(16);
            job.Property(j => j.Strategy).HasMaxLength(64);
            job.Property(j => j.Worker).HasMaxLength(128);
            job.Property(j => j.Request).HasColumnType("jsonb");
            job.Property(j => j.Result).HasColumnType("jsonb");
            job.Property(j => j.Summary).HasColumnType("jsonb");
            job.HasIndex(j => j.ParentId);
            job.HasIndex(j => new { j.Kind, j.Status });
        });
    }

    private static ValueConverter<TEnum, string> SnakeCase<TEnum>() where TEnum : struct, Enum =>
        new(value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()),
            text => Enum.Parse<TEnum>(text.Replace("_", "", StringComparison.Ordinal), true));
}

public sealed class BacktestDesignTimeFactory : DesignTimeDbContextFactory<BacktestDbContext>;
