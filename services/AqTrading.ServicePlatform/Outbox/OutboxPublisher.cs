using AqTrading.ServicePlatform.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AqTrading.ServicePlatform.Outbox;

/// <summary>
/// Publishes committed outbox rows through MassTransit and marks them sent. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several replicas share the work without sending a row twice at the same
/// time. Delivery is at least once (a crash after publish and before the mark re-sends the row); consumers
/// are idempotent on the message id, which is the row id.
/// </summary>
public sealed partial class OutboxPublisher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxPublisher<TContext>> logger) : BackgroundService where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PublisherEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishPendingAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(e);
            }

            if (published < options.Value.BatchSize)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Publishes one batch of unsent rows in commit order; returns how many were sent.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await db.InTransactionAsync(async ct =>
        {
            var batch = await db.OutboxMessages
                .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct);

            var sent = 0;
            foreach (var message in batch)
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(options.Value.PublishTimeout);
                    await bus.Publish(message.Deserialize(), message.ResolveType(),
                        context => context.MessageId = message.Id, timeout.Token);
                    message.SentAt = time.GetUtcNow();
                    sent++;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Keep commit order: stop at the first failure and retry this row next round.
                    message.Attempts++;
                    message.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                    LogPublishFailed(message.Id, message.Attempts, e.Message);
                    break;
                }
            }

            await db.SaveChangesAsync(ct);
            return sent;
        }, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} not published (attempt {Attempts}): {Reason}")]
    private partial void LogPublishFailed(Guid messageId, int attempts, string reason);

    [LoggerMessage(LogLevel.Error, "Outbox publishing round failed")]
    private partial void LogRoundFailed(Exception exception);
}
