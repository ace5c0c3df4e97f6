using System.Reflection;
using AqTrading.ServicePlatform.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AqTrading.ServicePlatform.Hosting;

public sealed record ServiceInfo(
    string Service,
    string Area,
    string Version,
    DateTimeOffset StartedAt,
    DatabaseInfo Database,
    OutboxInfo Outbox);

public sealed record DatabaseInfo(string Name, IReadOnlyList<string> AppliedMigrations);

public sealed record OutboxInfo(int Pending, DateTimeOffset? OldestPendingAt);

internal static class ServiceInfoEndpoint
{
    private static readonly string Version =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static async Task<Ok<ServiceInfo>> GetAsync<TContext>(ServiceIdentity identity, TContext db, CancellationToken ct)
        where TContext : ServiceDbContext
    {
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        var pending = db.OutboxMessages.Where(m => m.SentAt == null);
        var count = await pending.CountAsync(ct);
        var oldest = count == 0 ? null : await pending.MinAsync(m => (DateTimeOffset?)m.OccurredAt, ct);
        return TypedResults.Ok(new ServiceInfo(identity.Service, identity.Area, Version, identity.StartedAt,
            new DatabaseInfo(identity.Database, applied.ToList()), new OutboxInfo(count, oldest)));
    }
}
