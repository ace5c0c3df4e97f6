using System.Runtime.ExceptionServices;
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
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger)
    : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    private readonly Inbox<TMessage, TContext> _inbox = new(db, time, logger);

    protected TContext Db => db;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = Inbox<TMessage, TContext>.IdOf(context);
        if (await ConcernsAsync(context.Message, context.CancellationToken))
        {
            await _inbox.ApplyAsync(GetType(), [(messageId, context.Message)], (messages, ct) => HandleAsync(messages[0], ct),
                context.CancellationToken);
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
}

/// <summary>
/// <see cref="IdempotentConsumer{TMessage,TContext}"/> for a busy event stream: MassTransit hands over up to
/// <see cref="BatchOptions.MessageLimit"/> messages at once (register with <see cref="BatchRegistration.AddIdempotentBatchConsumer{TConsumer}"/>),
/// and the new ones are applied in one transaction — one inbox query, one commit — in the order they arrived. When the
/// batch as a whole fails, each message is tried in its own transaction, so one message that cannot be applied holds
/// none of the others back; its failure is then rethrown (MassTransit retries the batch, whose applied messages are
/// skipped, and faults it in the end).
/// </summary>
public abstract class IdempotentBatchConsumer<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger)
    : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : ServiceDbContext
{
    private readonly Inbox<TMessage, TContext> _inbox = new(db, time, logger);

    protected TContext Db => db;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var ct = context.CancellationToken;
        var messages = new List<(Guid Id, TMessage Message)>(context.Message.Length);
        var ids = new HashSet<Guid>();
        foreach (var item in context.Message)
        {
            // The same message twice in one batch (a redelivery racing the first delivery) is applied once.
            if (ids.Add(Inbox<TMessage, TContext>.IdOf(item)) && await ConcernsAsync(item.Message, ct))
            {
                messages.Add((item.MessageId!.Value, item.Message));
            }
        }

        if (messages.Count == 0)
        {
            return;
        }

        try
        {
            await _inbox.ApplyAsync(GetType(), messages, HandleAsync, ct);
        }
        catch (Exception) when (messages.Count > 1 && !ct.IsCancellationRequested)
        {
            ExceptionDispatchInfo? first = null;
            foreach (var message in messages)
            {
                try
                {
                    await _inbox.ApplyAsync(GetType(), [message], HandleAsync, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    first ??= ExceptionDispatchInfo.Capture(e);
                }
            }

            first?.Throw();
        }
    }

    /// <inheritdoc cref="IdempotentConsumer{TMessage,TContext}.ConcernsAsync"/>
    protected virtual ValueTask<bool> ConcernsAsync(TMessage message, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>Applies the messages, in order, to <see cref="Db"/>; the base class saves and commits.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken);
}

/// <summary>Registers a <see cref="IdempotentBatchConsumer{TMessage,TContext}"/> with its batch limits.</summary>
public static class BatchRegistration
{
    /// <summary>
    /// Up to <paramref name="messageLimit"/> messages per batch, one batch at a time (so batches apply in the order they
    /// arrived); a batch that is not full is delivered <paramref name="timeLimit"/> after its first message (default 5 ms:
    /// invisible next to a booking's own cost, long enough to gather what a burst delivers).
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddIdempotentBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus,
        int messageLimit = 100, TimeSpan? timeLimit = null) where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>((_, consumer) => consumer.Options<BatchOptions>(options => options.SetMessageLimit(messageLimit)
            .SetTimeLimit(timeLimit ?? TimeSpan.FromMilliseconds(5)).SetConcurrencyLimit(1)));
}

/// <summary>The inbox transaction both consumers share.</summary>
internal sealed partial class Inbox<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger)
    where TMessage : class
    where TContext : ServiceDbContext
{
    public static Guid IdOf(ConsumeContext<TMessage> context) => context.MessageId
        ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.");

    /// <summary>
    /// In one transaction: skips the messages this consumer applied before, records the others in the inbox, lets
    /// <paramref name="handle"/> apply them and saves. A concurrent delivery that records one of them first makes the
    /// save fail on the inbox's key: the transaction rolls back and is run again, now skipping what the other applied.
    /// </summary>
    public async Task ApplyAsync(Type consumerType, IReadOnlyList<(Guid Id, TMessage Message)> messages,
        Func<IReadOnlyList<TMessage>, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var consumer = consumerType.FullName!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.InTransactionAsync(async ct =>
                {
                    var ids = messages.Select(m => m.Id).ToList();
                    var applied = (await db.ProcessedMessages.Where(m => m.Consumer == consumer && ids.Contains(m.MessageId))
                        .Select(m => m.MessageId).ToListAsync(ct)).ToHashSet();
                    var fresh = new List<TMessage>(messages.Count);
                    var now = time.GetUtcNow();
                    foreach (var (id, message) in messages)
                    {
                        if (applied.Contains(id))
                        {
                            LogDuplicate(typeof(TMessage).Name, id);
                            continue;
                        }

                        db.ProcessedMessages.Add(new ProcessedMessage { MessageId = id, Consumer = consumer, ProcessedAt = now });
                        fresh.Add(message);
                    }

                    if (fresh.Count == 0)
                    {
                        return;
                    }

                    await handle(fresh, ct);
                    await db.SaveChangesAsync(ct);
                }, cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation("processed_messages") && attempt < 3)
            {
                // A concurrent delivery of one of these messages won the race and applied it: run again without it.
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "{MessageType} {MessageId} was already applied; skipped")]
    private partial void LogDuplicate(string messageType, Guid messageId);
}
