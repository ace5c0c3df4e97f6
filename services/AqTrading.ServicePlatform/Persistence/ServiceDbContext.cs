using AqTrading.ServicePlatform.Inbox;
using AqTrading.ServicePlatform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.ServicePlatform.Persistence;

/// <summary>
/// Base of every service's DbContext: the service's own tables plus the outbox (events waiting to be
/// published, written in the same transaction as the state change) and the inbox (message ids already applied).
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.Property(m => m.Type).HasMaxLength(512);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            // The publisher's query: unsent rows in commit order.
            outbox.HasIndex(m => m.Sequence).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
        });
        modelBuilder.Entity<ProcessedMessage>(inbox =>
        {
            inbox.ToTable("processed_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(256);
        });
    }
}
