using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AqTrading.ServicePlatform.Persistence;

public static class DbUpdateExceptionExtensions
{
    /// <summary>True when the save failed on a unique constraint (optionally of one table): a concurrent duplicate.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string? table = null) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && (table is null || postgres.TableName == table);
}
