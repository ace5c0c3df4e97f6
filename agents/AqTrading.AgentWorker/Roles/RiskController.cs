using System.Text.Json.Nodes;
using AqTrading.Agents.Abstractions.Analytics;
using AqTrading.Agents.Abstractions.Tools;
using AqTrading.Agents.Abstractions.Writes;

namespace AqTrading.AgentWorker.Roles;

/// <summary>
/// Derives the risk bias from the account's drawdown and the market's volatility regime (the seed's scaling tables,
/// <see cref="RiskScaling"/>) and writes it to <c>risk_bias</c>, which the risk service multiplies its position limits by.
/// Context: <c>accountId</c> (default paper), <c>symbol</c> whose bars give the regime (default SPY), <c>resolution</c>
/// (1d or 1m, default 1d), <c>lookback</c> bars (default 20).
/// </summary>
internal static class RiskController
{
    public static async Task<AgentOutcome> RunAsync(string task, JsonObject context, ToolClient tools)
    {
        var accountId = context.String("accountId", "paper");
        var symbol = context.String("symbol", "SPY").ToUpperInvariant();
        var resolution = context.String("resolution", "1d");
        var lookback = context.Int("lookback", 20, VolatilityRegimes.MinimumBars, 500);

        var snapshot = (await tools.CallAsync(ToolNames.PortfolioSnapshot, new { accountId })).Value;
        var equity = snapshot.Double("equity") ?? 0;
        var peak = snapshot.Double("peakEquity") ?? equity;
        var drawdown = RiskScaling.Drawdown(equity, peak);

        // The regime is advisory: without bars (or market data) it is unknown and only the drawdown counts.
        var regime = VolatilityRegime.Unknown;
        double? volatility = null;
        string? regimeProblem = null;
        var vol = await tools.CallAsync(ToolNames.MarketVolatilityRegime, new { symbol, resolution, lookback });
        if (vol.Ok)
        {
            volatility = vol.Result.Double("volatilityPct");
            regime = Enum.TryParse<VolatilityRegime>(vol.Result.Str("regime"), ignoreCase: true, out var parsed) ? parsed : VolatilityRegime.Unknown;
        }
        else
        {
            regimeProblem = vol.Error;
        }

        var bias = RiskScaling.Combined(drawdown, regime);
        var write = await tools.CallAsync(ToolNames.RedisWrite, new { key = RedisWriteRules.RiskBiasKey, value = bias });
        var result = new JsonObject
        {
            ["accountId"] = accountId,
            ["equity"] = equity,
            ["peakEquity"] = peak,
            ["drawdownPct"] = Math.Round(drawdown * 100, 4),
            ["drawdownScale"] = RiskScaling.ForDrawdown(drawdown),
            ["symbol"] = symbol,
            ["regime"] = regime.Name(),
            ["volatilityPct"] = volatility is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null,
            ["regimeScale"] = RiskScaling.ForRegime(regime),
            ["regimeProblem"] = regimeProblem,
            ["bias"] = bias,
            ["riskLevel"] = RiskScaling.RiskLevel(bias),
            ["written"] = write.Ok,
        };
        var summary = $"Drawdown {drawdown:P1} (×{RiskScaling.ForDrawdown(drawdown)}), {symbol} volatility regime {regime.Name()} " +
                      $"(×{RiskScaling.ForRegime(regime)}): risk_bias {bias} ({RiskScaling.RiskLevel(bias)} risk)";
        return write.Ok
            ? new AgentOutcome(true, result, summary + ".")
            : new AgentOutcome(false, result, summary + " not written.", $"Writing risk_bias failed: {write.Error}");
    }
}
