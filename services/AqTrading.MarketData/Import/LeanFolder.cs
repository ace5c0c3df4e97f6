using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Import;

namespace AqTrading.MarketData.Import;

public sealed class ImportOptions
{
    /// <summary>
    /// Folders a LEAN import may read from (the root and below). Empty: any folder — the importer only ever opens files
    /// named by LEAN's layout (<c>equity/usa/…</c>) for validated tickers, but set this in any shared deployment.
    /// </summary>
    public List<string> AllowedRoots { get; set; } = [];
}

/// <summary>The body of a LEAN import: <c>{ "lean": { root, symbols, resolution, from?, to?, factors? } }</c>.</summary>
public sealed record LeanImportRequest(LeanSelection? Lean);

/// <param name="Root">The folder holding LEAN's <c>equity/usa</c> tree (e.g. <c>/work/shared/data/lean</c>).</param>
/// <param name="Resolution"><c>daily</c> or <c>minute</c> (also <c>1d</c>, <c>1m</c>).</param>
/// <param name="From">First trading day to import (inclusive).</param>
/// <param name="To">Last trading day to import (inclusive).</param>
/// <param name="Factors">Also import each symbol's factor file, for adjusted history (default true).</param>
public sealed record LeanSelection(string? Root, List<string>? Symbols, string? Resolution, DateOnly? From, DateOnly? To, bool? Factors);

/// <summary>Reads LEAN's equity folder layout: daily zips, per-day minute zips and factor files.</summary>
public static partial class LeanFolder
{
    public sealed record Contents(List<Bar> Bars, Dictionary<string, List<FactorRow>> Factors, List<string> Files);

    /// <exception cref="BarFileException">A file is malformed.</exception>
    /// <exception cref="FileNotFoundException">A symbol has no data of the resolution.</exception>
    public static Contents Read(string root, IReadOnlyList<string> symbols, string resolution, DateOnly? from, DateOnly? to, bool factors)
    {
        var usa = Path.Combine(root, "equity", "usa");
        var contents = new Contents([], [], []);
        foreach (var raw in symbols)
        {
            var ticker = raw.Trim().ToLowerInvariant();
            var symbol = ticker.ToUpperInvariant();
            if (resolution == Core.Bars.Resolutions.Day)
            {
                var zip = Path.Combine(usa, "daily", $"{ticker}.zip");
                if (!File.Exists(zip))
                {
                    throw new FileNotFoundException($"No LEAN daily data for {symbol}: {zip} does not exist.", zip);
                }

                contents.Files.Add(zip);
                var bars = ReadZip(zip, (reader, name) => LeanReader.ReadDaily(reader, name, symbol));
                contents.Bars.AddRange(bars.Where(b => InRange(Core.Bars.ExchangeTime.TradingDay(b.Start), from, to)));
            }
            else
            {
                var folder = Path.Combine(usa, "minute", ticker);
                var days = Directory.Exists(folder)
                    ? Directory.EnumerateFiles(folder, "*_trade.zip")
                        .Select(f => (File: f, Day: DateOnly.TryParseExact(Path.GetFileName(f)[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null))
                        .Where(x => x.Day is { } d && InRange(d, from, to))
                        .OrderBy(x => x.Day).ToList()
                    : [];
                if (days.Count == 0)
                {
                    throw new FileNotFoundException($"No LEAN minute trade data for {symbol} in the range under {folder}.", folder);
                }

                foreach (var (file, day) in days)
                {
                    contents.Files.Add(file);
                    contents.Bars.AddRange(ReadZip(file, (reader, name) => LeanReader.ReadMinute(reader, name, symbol, day!.Value)));
                }
            }

            var factorFile = Path.Combine(usa, "factor_files", $"{ticker}.csv");
            if (factors && File.Exists(factorFile))
            {
                contents.Files.Add(factorFile);
                using var reader = File.OpenText(factorFile);
                contents.Factors[symbol] = FactorFile.Read(reader, factorFile);
            }
        }

        return contents;
    }

    public static bool IsTicker(string? ticker) => ticker is not null && Ticker().IsMatch(ticker.Trim());

    private static bool InRange(DateOnly day, DateOnly? from, DateOnly? to) => (from is null || day >= from) && (to is null || day <= to);

    private static List<Bar> ReadZip(string zip, Func<TextReader, string, List<Bar>> read)
    {
        using var archive = ZipFile.OpenRead(zip);
        var entry = archive.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                    ?? throw new BarFileException(zip, 0, "The zip holds no .csv file.");
        using var reader = new StreamReader(entry.Open());
        return read(reader, $"{zip}:{entry.FullName}");
    }

    // LEAN tickers are lower-case letters and digits with an optional class suffix (brk.a); nothing path-like.
    [GeneratedRegex(@"^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,3})?$")]
    private static partial Regex Ticker();
}
