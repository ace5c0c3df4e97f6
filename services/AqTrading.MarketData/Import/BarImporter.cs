using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Bars;
using AqTrading.MarketData.Core.Import;

namespace AqTrading.MarketData.Import;

/// <summary>What an import stored.</summary>
public sealed record ImportResult(int Bars, int FactorRows, IReadOnlyList<string> Symbols, IReadOnlyList<string> Files,
    DateTimeOffset? First, DateTimeOffset? Last);

/// <summary>
/// Stores parsed bars and factor rows in one transaction: all of an import or nothing. Bars upsert on
/// (symbol, resolution, start), so importing the same file twice changes nothing; a symbol's factor rows are replaced.
/// </summary>
public sealed class BarImporter(BarStore store)
{
    public async Task<ImportResult> ImportAsync(IReadOnlyList<Bar> bars, IReadOnlyDictionary<string, List<FactorRow>> factors,
        IReadOnlyList<string> files, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var stored = await BarStore.UpsertAsync(connection, transaction, bars, ct);
        var factorRows = 0;
        foreach (var (symbol, rows) in factors)
        {
            factorRows += await BarStore.ReplaceFactorsAsync(connection, transaction, symbol, rows, ct);
        }

        await transaction.CommitAsync(ct);
        return new ImportResult(stored, factorRows,
            bars.Select(b => b.Symbol).Concat(factors.Keys).Distinct().Order(StringComparer.Ordinal).ToList(), files,
            bars.Count == 0 ? null : bars.Min(b => b.Start), bars.Count == 0 ? null : bars.Max(b => b.Start));
    }
}
