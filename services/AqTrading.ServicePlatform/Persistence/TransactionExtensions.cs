using Microsoft.EntityFrameworkCore;

namespace AqTrading.ServicePlatform.Persistence;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction, committed when it returns and rolled back when it
    /// throws. The whole unit is retried by the context's execution strategy on a transient failure (a connection
    /// drop, a serialization failure), starting from a clean change tracker each time.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work,
        CancellationToken cancellationToken = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // The whole unit is retried on failure, so EF's automatic savepoint around each SaveChanges inside the
            // transaction (two more round trips each) buys nothing. Set per unit: a pooled context resets it.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public static Task InTransactionAsync(this DbContext db, Func<CancellationToken, Task> work,
        CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);
}
