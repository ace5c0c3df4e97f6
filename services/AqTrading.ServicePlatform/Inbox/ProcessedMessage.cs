namespace AqTrading.ServicePlatform.Inbox;

/// <summary>A message a consumer has applied; its presence makes a redelivery a no-op.</summary>
public sealed class ProcessedMessage
{
    public Guid MessageId { get; init; }

    public string Consumer { get; init; } = "";

    public DateTimeOffset ProcessedAt { get; init; }
}
