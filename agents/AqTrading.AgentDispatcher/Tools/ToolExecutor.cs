using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AqTrading.Agents.Abstractions.Analytics;
using AqTrading.Agents.Abstractions.Tools;
using AqTrading.Agents.Abstractions.Writes;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AqTrading.AgentDispatcher.Tools;

/// <summary>A validated value an agent wrote to Redis, with the value it replaced (the audit trail records both).</summary>
public sealed record RedisWriteDone(string Key, string Value, string? PreviousValue, DateTimeOffset At);

/// <summary>A tool call that could not be carried out; its message goes back to the agent.</summary>
public sealed class ToolException(string message) : Exception(message);

/// <summary>
/// Executes the tools (<see cref="ToolNames"/>) for the workers, after <see cref="Runs.AgentRunner"/> has checked the
/// call against the role's permissions: reads over HTTP from the owning services with the dispatcher's service token
/// (added by the platform's handler), writes to Redis after <see cref="RedisWriteRules"/> validated them.
/// </summary>
public sealed partial class ToolExecutor(IHttpClientFactory http, IConnectionMultiplexer redis, IOptions<AgentsOptions> options, TimeProvider time)
{
    public const string MarketDataClient = "agents-market-data";
    public const string PortfolioClient = "agents-portfolio";
    public const string BacktestClient = "agents-backtest";
    public const string ReconciliationClient = "agents-reconciliation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="writes">Receives each Redis write made.</param>
    public async Task<JsonElement> ExecuteAsync(string tool, JsonElement args, ICollection<RedisWriteDone> writes, CancellationToken ct)
    {
        switch (tool)
        {
            case ToolNames.MarketQuote:
                return await GetAsync(MarketDataClient, $"/api/market/quotes/{Symbol(args)}", ct);

            case ToolNames.MarketBars:
            {
                var (symbol, resolution, last) = (Symbol(args), Resolution(args), Count(args, "last", 20, 1, 5000));
                var page = await GetAsync(MarketDataClient, $"/api/market/bars/{symbol}?resolution={resolution}&last={last}", ct);
                return Serialize(new { symbol, resolution, bars = Items(page) });
            }

            case ToolNames.MarketVolatilityRegime:
            {
                var (symbol, resolution, lookback) = (Symbol(args), Resolution(args), Count(args, "lookback", 20, VolatilityRegimes.MinimumBars, 5000));
                var page = await GetAsync(MarketDataClient, $"/api/market/bars/{symbol}?resolution={resolution}&last={lookback + 1}", ct);
                var closes = Items(page).Select(b => b.TryGetProperty("close", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : double.NaN)
                    .Where(double.IsFinite).ToList();
                var volatility = VolatilityRegimes.RealisedVolatilityPct(closes, VolatilityRegimes.PeriodsPerYear(resolution));
                var regime = VolatilityRegimes.Classify(volatility);
                return Serialize(new
                {
                    symbol, resolution, bars = closes.Count,
                    volatilityPct = double.IsFinite(volatility) ? Math.Round(volatility, 4) : (double?)null,
                    regime = regime.Name(),
                    scale = RiskScaling.ForRegime(regime),
                });
            }

            case ToolNames.PortfolioSnapshot:
            {
                var accountId = Id(args, "accountId", "paper");
                var account = await GetAsync(PortfolioClient, $"/api/portfolio/accounts/{accountId}", ct);
                var positions = await GetAsync(PortfolioClient, $"/api/portfolio/accounts/{accountId}/positions", ct);
                var equity = Number(account, "equity");
                var peak = Math.Max(Number(account, "peakEquity"), equity);
                return Serialize(new
                {
                    accountId,
                    equity,
                    peakEquity = peak,
                    dayPnl = Number(account, "dayPnl"),
                    cash = Number(account, "cash"),
                    drawdown = Math.Round(RiskScaling.Drawdown(equity, peak), 6),
                    positions = Items(positions),
                });
            }

            case ToolNames.BacktestRun:
                return await SubmitAndPollAsync("/api/backtest/runs", Object(args, "run"), ct);

            case ToolNames.BacktestWalkForward:
            {
                var body = new JsonObject
                {
                    ["base"] = JsonNode.Parse(Object(args, "base").GetRawText()),
                    ["grid"] = JsonNode.Parse(Object(args, "grid").GetRawText()),
                    ["metric"] = args.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.String ? metric.GetString() : "sharpe",
                };
                return await SubmitAndPollAsync("/api/backtest/walk-forwards", Serialize(body), ct);
            }

            case ToolNames.BacktestJob:
                return await GetAsync(BacktestClient, $"/api/backtest/jobs/{Id(args, "id", null)}", ct);

            case ToolNames.ReconciliationDiscrepancies:
            {
                var status = Word(args, "status") ?? "open";
                var severity = Word(args, "severity");
                return await GetAsync(ReconciliationClient,
                    $"/api/reconciliation/discrepancies?status={status}" + (severity is null ? "" : $"&severity={severity}"), ct);
            }

            case ToolNames.ReconciliationRuns:
                return await GetAsync(ReconciliationClient, $"/api/reconciliation/runs?limit={Count(args, "limit", 20, 1, 200)}", ct);

            case ToolNames.RedisWrite:
            {
                var key = args.GetProperty("key").GetString()!;
                if (!args.TryGetProperty("value", out var value))
                {
                    throw new ToolException("A Redis write needs a value.");
                }

                double? ttl = args.TryGetProperty("ttlSeconds", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
                if (args.TryGetProperty("ttlSeconds", out var bad) && bad.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                {
                    throw new ToolException("ttlSeconds must be a number.");
                }

                var (write, error) = RedisWriteRules.Validate(key, value, ttl);
                if (write is null)
                {
                    throw new ToolException(error!);
                }

                RedisValue previous;
                try
                {
                    // SET … GET: the value replaced comes back with the write, for the audit trail.
                    previous = await redis.GetDatabase().StringSetAndGetAsync(write.Key, write.Value, write.Ttl).WaitAsync(ct);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    throw new ToolException($"Redis unavailable: {e.Message}");
                }

                var done = new RedisWriteDone(write.Key, write.Value, previous.IsNull ? null : previous.ToString(), time.GetUtcNow());
                writes.Add(done);
                return Serialize(new { key = write.Key, value = write.Value, ttlSeconds = write.Ttl?.TotalSeconds, writtenAt = done.At });
            }

            default:
                throw new ToolException($"Unknown tool '{tool}'.");
        }
    }

    /// <summary>Submits a backtest job (202) and polls it until it is completed, failed or cancelled (or the run's time is up).</summary>
    private async Task<JsonElement> SubmitAndPollAsync(string path, JsonElement body, CancellationToken ct)
    {
        var client = http.CreateClient(BacktestClient);
        using var response = await SendAsync(() => client.PostAsync(path, new StringContent(body.GetRawText(), System.Text.Encoding.UTF8, "application/json"), ct), "backtest");
        var job = await ReadAsync(response, "backtest", ct);
        var id = job.TryGetProperty("id", out var idElement) ? idElement.ToString() : throw new ToolException("The backtest service answered without a job id.");
        while (!Terminal(job))
        {
            await Task.Delay(options.Value.BacktestPollInterval, time, ct);
            job = await GetAsync(BacktestClient, $"/api/backtest/jobs/{id}", ct);
        }

        return job;
    }

    private static bool Terminal(JsonElement job) =>
        job.TryGetProperty("status", out var status) && status.GetString() is "completed" or "failed" or "cancelled";

    private async Task<JsonElement> GetAsync(string client, string path, CancellationToken ct)
    {
        var name = client["agents-".Length..];
        using var response = await SendAsync(() => http.CreateClient(client).GetAsync(path, ct), name);
        return await ReadAsync(response, name, ct);
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, string service)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw new ToolException($"{service} is unreachable: {e.Message}");
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string service, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = text.Length > 300 ? text[..300] : text;
            throw new ToolException(response.StatusCode == HttpStatusCode.NotFound
                ? $"{service}: not found ({detail})"
                : $"{service} answered {(int)response.StatusCode}: {detail}");
        }

        try
        {
            return JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ToolException($"{service} answered something that is not JSON.");
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement page) => page.ValueKind switch
    {
        JsonValueKind.Array => page.EnumerateArray().ToList(),
        JsonValueKind.Object when page.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array => items.EnumerateArray().ToList(),
        _ => [],
    };

    private static JsonElement Serialize(object value) => JsonSerializer.SerializeToElement(value, Json);

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private static string Symbol(JsonElement args)
    {
        var symbol = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        return SymbolPattern().IsMatch(symbol)
            ? Uri.EscapeDataString(symbol.ToUpperInvariant())
            : throw new ToolException("symbol must be 1–20 letters, digits or . ^ / - characters.");
    }

    private static string Resolution(JsonElement args)
    {
        var resolution = args.TryGetProperty("resolution", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "1d";
        return resolution is "1d" or "1m" ? resolution : throw new ToolException("resolution must be 1d or 1m.");
    }

    private static int Count(JsonElement args, string name, int fallback, int min, int max)
    {
        if (!args.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
            ? n
            : throw new ToolException($"{name} must be a whole number between {min} and {max}.");
    }

    private static string Id(JsonElement args, string name, string? fallback)
    {
        var id = args.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : fallback;
        return id is not null && IdPattern().IsMatch(id) ? id : throw new ToolException($"{name} must be 1–64 letters, digits, '_' or '-'.");
    }

    private static string? Word(JsonElement args, string name)
    {
        if (!args.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && IdPattern().IsMatch(value.GetString()!)
            ? value.GetString()
            : throw new ToolException($"{name} must be a word of letters, digits, '_' or '-'.");
    }

    private static JsonElement Object(JsonElement args, string name) =>
        args.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new ToolException($"{name} must be a JSON object.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.^/-]{0,19}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
