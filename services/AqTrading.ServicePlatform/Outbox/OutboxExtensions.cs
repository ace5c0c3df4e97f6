using AqTrading.Contracts;
using AqTrading.ServicePlatform.Persistence;

namespace AqTrading.ServicePlatform.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Records an integration event to be published once the surrounding <c>SaveChangesAsync</c> commits.
    /// Never publish directly from a handler that also writes to the database.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent(this ServiceDbContext db, IIntegrationEvent integrationEvent)
    {
        var message = OutboxMessage.From(integrationEvent);
        db.OutboxMessages.Add(message);
        return message;
    }
}
