using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Import;
using Npgsql;
using NpgsqlTypes;

namespace AqTrading.MarketData.Bars;

/// <summary>
/// Bulk writes of bars and factor rows with Npgsql. A batch is one statement over arrays (<c>unnest</c>), which is the
/// fast path for bulk upserts short of COPY and, unlike COPY, can upsert directly: SPY's 5,848 daily bars go in one
/// round trip. Bars upsert on (symbol, resolution, start); the later value wins.
/// </summary>
public sealed class BarStore(NpgsqlDataSource dataSource)
{
    private const int BatchSize = 10_000;

    private const string UpsertSql = """
        INSERT INTO bars (symbol, resolution, start, "end", open, high, low, close, volume)
        SELECT * FROM unnest(@symbol, @resolution, @start, @end, @open, @high, @low, @close, @volume)
        ON CONFLICT (symbol, resolution, start) DO UPDATE SET
            "end" = excluded."end", open = excluded.open, high = excluded.high, low = excluded.low,
            close = excluded.close, volume = excluded.volume
        """;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Upserts bars in their own transaction.</summary>
    public async Task<int> UpsertAsync(IReadOnlyCollection<Bar> bars, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var count = await UpsertAsync(connection, transaction, bars, ct);
        await transaction.CommitAsync(ct);
        return count;
    }

    /// <summary>Upserts bars within the caller's transaction. Within the batch, the last bar of a key wins.</summary>
    public static async Task<int> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<Bar> bars, CancellationToken ct)
    {
        // One statement cannot update the same row twice, so duplicates within the batch are folded first.
        var unique = bars.GroupBy(b => (b.Symbol, b.Resolution, b.Start)).Select(g => g.Last()).ToList();
        foreach (var chunk in unique.Chunk(BatchSize))
        {
            await using var command = new NpgsqlCommand(UpsertSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter("symbol", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = chunk.Select(b => b.Symbol).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("resolution", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = chunk.Select(b => b.Resolution).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("start", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = chunk.Select(b => b.Start.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("end", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = chunk.Select(b => b.End.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("open", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = chunk.Select(b => b.Open).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("high", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = chunk.Select(b => b.High).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("low", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = chunk.Select(b => b.Low).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("close", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = chunk.Select(b => b.Close).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("volume", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = chunk.Select(b => b.Volume).ToArray() });
            await command.ExecuteNonQueryAsync(ct);
        }

        return unique.Count;
    }

    /// <summary>Replaces a symbol's factor rows within the caller's transaction.</summary>
    public static async Task<int> ReplaceFactorsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string symbol,
        IReadOnlyList<FactorRow> rows, CancellationToken ct)
    {
        await using (var delete = new NpgsqlCommand("DELETE FROM factor_rows WHERE symbol = @symbol", connection, transaction))
        {
            delete.Parameters.AddWithValue("symbol", symbol);
            await delete.ExecuteNonQueryAsync(ct);
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO factor_rows (symbol, date, price_factor, split_factor, reference_price)
            SELECT @symbol, * FROM unnest(@date, @price_factor, @split_factor, @reference_price)
            """, connection, transaction);
        insert.Parameters.AddWithValue("symbol", symbol);
        insert.Parameters.Add(new NpgsqlParameter("date", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = rows.Select(r => r.Date).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("price_factor", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.PriceFactor).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("split_factor", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.SplitFactor).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("reference_price", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.ReferencePrice).ToArray() });
        await insert.ExecuteNonQueryAsync(ct);
        return rows.Count;
    }
}
