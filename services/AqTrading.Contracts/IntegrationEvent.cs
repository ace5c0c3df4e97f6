namespace AqTrading.Contracts;

/// <summary>
/// An integration event: a past-tense fact one service publishes (through its transactional outbox) and
/// others consume. Carries ids and values, never an entity. <see cref="OccurredAt"/> is UTC.
/// </summary>
public interface IIntegrationEvent
{
    DateTimeOffset OccurredAt { get; }
}
