using AqTrading.ServicePlatform.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AqTrading.ServicePlatform.Inbox;

/// <summary>
/// A consumer that applies each message once. The message id is recorded in <c>processed_messages</c> in the
/// same transaction as the consumer's changes (and any outbox rows it adds), so a redelivery — RabbitMQ
/// at-least-once, or the outbox re-sending after a crash — changes nothing.
/// </summary>
public abstract partial class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger)
    : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db => db;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.");
        var consumer = GetType().FullName!;
        if (!await ConcernsAsync(context.Message, context.CancellationToken))
        {
            return;
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                if (await db.ProcessedMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct))
                {
                    throw new AlreadyApplied();
                }

                db.ProcessedMessages.Add(new ProcessedMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = time.GetUtcNow() });
                await HandleAsync(context.Message, ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation("processed_messages"))
                {
                    // A concurrent delivery of the same message won the race and applied it.
                    throw new AlreadyApplied();
                }
            }, context.CancellationToken);
        }
        catch (AlreadyApplied)
        {
            LogDuplicate(typeof(TMessage).Name, messageId);
        }
    }

    /// <summary>
    /// False for a message this consumer has nothing to do with (e.g. a fill of an order no strategy here sent): it is
    /// acknowledged without a transaction or an inbox row — applying it again would change nothing either. Every
    /// service receives every event of a type, so this keeps the cost of other services' traffic to a lookup.
    /// </summary>
    protected virtual ValueTask<bool> ConcernsAsync(TMessage message, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>Applies the message to <see cref="Db"/>; the base class saves and commits.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    [LoggerMessage(LogLevel.Information, "{MessageType} {MessageId} was already applied; skipped")]
    private partial void LogDuplicate(string messageType, Guid messageId);

    /// <summary>Leaves the transaction (rolled back, nothing written) when the message was applied before.</summary>
    private sealed class AlreadyApplied : Exception;
}
