using System.Globalization;
using System.Text;
using System.Text.Json;
using AqTrading.Contracts.MarketData;
using AqTrading.MarketData.Core.Bars;
using AqTrading.MarketData.Core.Import;
using AqTrading.MarketData.Data;
using AqTrading.MarketData.Import;
using AqTrading.MarketData.Replay;
using AqTrading.ServicePlatform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.MarketData;

/// <summary>History (<c>GET /bars/{symbol}</c>), historical import and replay.</summary>
public static class BarsApi
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 5000;
    public const int MaxReplayBars = 100_000;

    public static RouteGroupBuilder MapBarsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bars/{symbol}", GetBars)
            .WithSummary("Stored bars of a symbol, ascending by start: a page of a time range, or the most recent N (last=N).");
        api.MapPost("/import", Import)
            .WithSummary("Imports historical bars: CSV (text/csv body or multipart files) or LEAN data by server path (JSON).")
            .Accepts<LeanImportRequest>("application/json", "text/csv", "multipart/form-data");
        api.MapPost("/replay", Replay)
            .WithSummary("Stores bars and publishes them in order as if live, with a quote at each close.");
        return api;
    }

    public sealed record BarPage(IReadOnlyList<Bar> Items, string? NextCursor);

    public static async Task<Results<Ok<BarPage>, ValidationProblem>> GetBars(string symbol, string? resolution, string? from,
        string? to, string? limit, string? cursor, string? adjusted, string? last, MarketDataDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors.TryAdd(field, [message]);

        var res = resolution is "1m" or "1d" ? resolution : null;
        if (res is null)
        {
            Fail("resolution", "Resolution must be 1m or 1d.");
        }

        var fromTime = ParseTime(from, "from", Fail);
        var toTime = ParseTime(to, "to", Fail);
        if (fromTime is not null && toTime is not null && fromTime >= toTime)
        {
            Fail("to", "'to' must be after 'from' (the range is from ≤ start < to).");
        }

        var pageSize = ParseCount(limit, "limit", DefaultLimit, Fail);
        var lastCount = last is null ? (int?)null : ParseCount(last, "last", 0, Fail);
        var after = cursor is null ? null : DecodeCursor(cursor);
        if (cursor is not null && after is null)
        {
            Fail("cursor", "The cursor is not one this API returned.");
        }

        var wantAdjusted = adjusted?.ToLowerInvariant() switch
        {
            null or "false" => false,
            "true" => true,
            _ => Fail2("adjusted", "adjusted must be true or false."),
        };
        if (lastCount is not null && (from is not null || cursor is not null || limit is not null))
        {
            Fail("last", "'last' takes the most recent bars (before 'to', if given); it cannot be combined with from, cursor or limit.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        symbol = symbol.Trim().ToUpperInvariant();
        var query = db.Bars.AsNoTracking().Where(b => b.Symbol == symbol && b.Resolution == res);
        if (toTime is { } end)
        {
            query = query.Where(b => b.Start < end);
        }

        List<Bar> items;
        string? next = null;
        if (lastCount is { } n)
        {
            items = await query.OrderByDescending(b => b.Start).Take(n).ToListAsync(ct);
            items.Reverse();
        }
        else
        {
            if (fromTime is { } start)
            {
                query = query.Where(b => b.Start >= start);
            }

            if (after is { } previous)
            {
                query = query.Where(b => b.Start > previous);
            }

            items = await query.OrderBy(b => b.Start).Take(pageSize + 1).ToListAsync(ct);
            if (items.Count > pageSize)
            {
                items.RemoveAt(pageSize);
                next = EncodeCursor(items[^1].Start);
            }
        }

        if (wantAdjusted && items.Count > 0)
        {
            var factors = (await db.Factors.AsNoTracking().Where(f => f.Symbol == symbol).OrderBy(f => f.Date).ToListAsync(ct))
                .Select(f => new FactorRow(f.Date, f.PriceFactor, f.SplitFactor, f.ReferencePrice)).ToList();
            items = items.Select(b => FactorFile.Adjust(factors, b)).ToList();
        }

        return TypedResults.Ok(new BarPage(items, next));

        bool Fail2(string field, string message)
        {
            Fail(field, message);
            return false;
        }
    }

    public static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request,
        [FromQuery] string? resolution, [FromQuery] string? fileName, BarImporter importer, IOptions<ImportOptions> options,
        CancellationToken ct)
    {
        try
        {
            var contentType = request.ContentType ?? "";
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return await ImportLeanAsync(request, importer, options.Value, ct);
            }

            List<Bar> bars = [];
            List<string> files = [];
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var res = Resolutions.Normalize(resolution ?? form["resolution"].FirstOrDefault());
                if (res is null || form.Files.Count == 0)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [res is null ? "resolution" : "files"] = [res is null ? "Resolution must be 1m or 1d." : "Attach at least one CSV file."],
                    });
                }

                foreach (var file in form.Files)
                {
                    // Form files are buffered by ReadFormAsync, so reading them synchronously does not block on the network.
                    using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
                    bars.AddRange(CsvBarReader.Read(reader, file.FileName, res));
                    files.Add(file.FileName);
                }
            }
            else
            {
                var res = Resolutions.Normalize(resolution);
                if (res is null)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["resolution"] = ["Resolution must be 1m or 1d."] });
                }

                var name = string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : fileName;
                // The parser reads synchronously, which Kestrel forbids on the body: take the text first (bounded by
                // the server's request size limit).
                string text;
                using (var body = new StreamReader(request.Body, Encoding.UTF8))
                {
                    text = await body.ReadToEndAsync(ct);
                }

                bars.AddRange(CsvBarReader.Read(new StringReader(text), name, res));
                files.Add(name);
            }

            return TypedResults.Ok(await importer.ImportAsync(bars, new Dictionary<string, List<FactorRow>>(), files, ct));
        }
        catch (BarFileException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed data file",
                extensions: new Dictionary<string, object?> { ["file"] = Path.GetFileName(e.File), ["line"] = e.Line, ["reason"] = e.Reason });
        }
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportLeanAsync(HttpRequest request,
        BarImporter importer, ImportOptions options, CancellationToken ct)
    {
        LeanImportRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<LeanImportRequest>(ct);
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Path ?? "body"] = [$"The JSON is malformed: {e.Message}"] });
        }

        var lean = body?.Lean;
        var errors = new Dictionary<string, string[]>();
        var resolution = Resolutions.Normalize(lean?.Resolution);
        if (lean is null)
        {
            errors["lean"] = ["Give { \"lean\": { \"root\", \"symbols\", \"resolution\" } }, or upload CSV as text/csv or multipart/form-data."];
        }
        else
        {
            if (string.IsNullOrWhiteSpace(lean.Root) || !Path.IsPathFullyQualified(lean.Root) || !Directory.Exists(Path.Combine(lean.Root, "equity", "usa")))
            {
                errors["lean.root"] = ["The root must be an absolute path of a folder holding LEAN's equity/usa tree."];
            }
            else if (options.AllowedRoots.Count > 0 && !options.AllowedRoots.Any(allowed => IsUnder(lean.Root, allowed)))
            {
                errors["lean.root"] = ["The root is not under a folder this service may import from (Import:AllowedRoots)."];
            }

            if (lean.Symbols is not { Count: > 0 } || lean.Symbols.Any(s => !LeanFolder.IsTicker(s)))
            {
                errors["lean.symbols"] = ["Give one or more tickers such as SPY or AAPL."];
            }

            if (resolution is null)
            {
                errors["lean.resolution"] = ["Resolution must be daily or minute."];
            }

            if (lean.From > lean.To)
            {
                errors["lean.to"] = ["'to' must not be before 'from'."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        LeanFolder.Contents contents;
        try
        {
            contents = LeanFolder.Read(Path.GetFullPath(lean!.Root!), lean.Symbols!, resolution!, lean.From, lean.To, lean.Factors ?? true);
        }
        catch (FileNotFoundException e)
        {
            return Problems.Unprocessable(e.Message);
        }

        return TypedResults.Ok(await importer.ImportAsync(contents.Bars, contents.Factors, contents.Files, ct));
    }

    public sealed record ReplayBar(string? Symbol, string? Resolution, DateTimeOffset? Start, decimal? Open, decimal? High,
        decimal? Low, decimal? Close, long? Volume);

    public sealed record ReplayRequest(List<ReplayBar>? Bars, int? IntervalMs);

    public sealed record ReplayResult(int Replayed);

    public static async Task<Results<Ok<ReplayResult>, ValidationProblem, ProblemHttpResult>> Replay(ReplayRequest request,
        Replayer replayer, Bars.BarPublisher publisher, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors.TryAdd(field, [message]);
        if (request.Bars is not { Count: > 0 and <= MaxReplayBars })
        {
            Fail("bars", $"Give 1 to {MaxReplayBars} bars.");
        }

        if (request.IntervalMs is < 0 or > 60_000)
        {
            Fail("intervalMs", "intervalMs must be between 0 and 60000.");
        }

        var bars = new List<Bar>();
        var lastStart = new Dictionary<(string, string), DateTimeOffset>();
        for (var i = 0; i < (request.Bars?.Count ?? 0) && errors.Count < 20; i++)
        {
            var b = request.Bars![i];
            var field = $"bars[{i}]";
            var resolution = Resolutions.Normalize(b.Resolution ?? Resolutions.Minute);
            if (resolution is null)
            {
                Fail($"{field}.resolution", "Resolution must be 1m or 1d.");
                continue;
            }

            if (b.Start is not { } start || b.Open is not { } open || b.High is not { } high || b.Low is not { } low
                || b.Close is not { } close || b.Volume is not { } volume || b.Symbol is null)
            {
                Fail(field, "Each bar needs symbol, resolution, start, open, high, low, close and volume.");
                continue;
            }

            start = start.ToUniversalTime();
            if (!Resolutions.IsPeriodStart(resolution, start))
            {
                Fail($"{field}.start", resolution == Resolutions.Minute
                    ? "A 1m bar starts on a whole minute."
                    : "A 1d bar starts at 00:00 New York time of its trading day.");
                continue;
            }

            var bar = new Bar(b.Symbol.Trim().ToUpperInvariant(), resolution, start, Resolutions.EndOf(resolution, start), open, high, low, close, volume);
            if (BarValidation.Check(bar) is { } problem)
            {
                Fail(field, problem);
                continue;
            }

            if (lastStart.TryGetValue((bar.Symbol, resolution), out var previous) && start <= previous)
            {
                Fail($"{field}.start", $"Bars of {bar.Symbol} {resolution} must be in ascending order of start.");
                continue;
            }

            lastStart[(bar.Symbol, resolution)] = start;
            bars.Add(bar);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!publisher.IsConnected)
        {
            return TypedResults.Problem("Redis is unavailable, and replay publishes on Redis; nothing was replayed.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
        }

        try
        {
            return TypedResults.Ok(new ReplayResult(await replayer.ReplayAsync(bars, TimeSpan.FromMilliseconds(request.IntervalMs ?? 0), ct)));
        }
        catch (RedisException e)
        {
            return TypedResults.Problem($"Redis failed during the replay ({e.Message}); the bars are stored but not all were published.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
        }
    }

    private static DateTimeOffset? ParseTime(string? text, string field, Action<string, string> fail)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }

        fail(field, $"'{text}' is not an ISO 8601 time (e.g. 2024-01-02T14:30:00Z; without an offset it is taken as UTC).");
        return null;
    }

    private static int ParseCount(string? text, string field, int fallback, Action<string, string> fail)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxLimit)
        {
            return value;
        }

        fail(field, $"{field} must be a whole number from 1 to {MaxLimit}.");
        return fallback;
    }

    private static string EncodeCursor(DateTimeOffset start) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"s:{start.UtcTicks}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static DateTimeOffset? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("s:", StringComparison.Ordinal) && long.TryParse(text[2..], out var ticks)
                   && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsUnder(string path, string root)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var allowed = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(allowed, StringComparison.Ordinal);
    }
}
