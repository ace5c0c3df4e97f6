using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AqTrading.ServicePlatform.Persistence;

/// <summary>
/// Applies the service's EF Core migrations before the service starts listening. Hosted services start before
/// the web server, so no request ever sees an unmigrated database. EF Core's migration lock keeps two replicas
/// starting together from racing.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, TimeProvider time,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedService where TContext : DbContext
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int MaxAttempts = 60;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                // On a new database EF Core's first read of its history table fails and is logged as an error (a red
                // mark on every service in the dashboard at each first start); creating the table first (IF NOT
                // EXISTS, so replicas starting together agree) makes that read an ordinary one.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(typeof(TContext).Name, (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count());
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                // The database may still be starting (external mode has no WaitFor).
                LogRetry(typeof(TContext).Name, attempt, e.Message);
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "{Context}: schema is current ({Count} migrations applied)")]
    private partial void LogMigrated(string context, int count);

    [LoggerMessage(LogLevel.Warning, "{Context}: migration attempt {Attempt} failed ({Reason}); retrying")]
    private partial void LogRetry(string context, int attempt, string reason);
}
