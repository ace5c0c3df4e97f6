using System.Collections.Concurrent;
using System.Text.Json;
using AqTrading.Contracts;

namespace AqTrading.ServicePlatform.Outbox;

/// <summary>
/// An integration event waiting to be published. Written in the same database transaction as the state change
/// it describes, so the event exists if and only if the change was committed. <see cref="Id"/> becomes the
/// message id on the bus, which is what consumers de-duplicate on.
/// </summary>
public sealed class OutboxMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Type names resolve by parsing and an assembly lookup on every call; a service publishes a handful of types.
    private static readonly ConcurrentDictionary<string, Type?> Types = new(StringComparer.Ordinal);

    public Guid Id { get; private set; }

    /// <summary>Commit order; the publisher sends in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>"Full.Type.Name, Assembly" of the event.</summary>
    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? SentAt { get; internal set; }

    public int Attempts { get; internal set; }

    public string? LastError { get; internal set; }

    public static OutboxMessage From(IIntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(integrationEvent.OccurredAt),
            Type = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Payload = JsonSerializer.Serialize(integrationEvent, type, Json),
            OccurredAt = integrationEvent.OccurredAt,
        };
    }

    public Type ResolveType() =>
        Types.GetOrAdd(Type, static name => System.Type.GetType(name, throwOnError: false))
        ?? throw new InvalidOperationException($"Outbox message {Id} names an unknown event type '{Type}'.");

    public object Deserialize() =>
        JsonSerializer.Deserialize(Payload, ResolveType(), Json)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
}
