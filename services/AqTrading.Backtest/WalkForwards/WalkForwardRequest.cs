using System.Text.Json;
using AqTrading.Backtest.Runs;

namespace AqTrading.Backtest.WalkForwards;

/// <summary>
/// The body of <c>POST /api/backtest/walk-forwards</c>: optimise <see cref="Grid"/> over <see cref="Base"/> on the first
/// 70 % of the range, then judge the best set on the next 15 % (validation) and the last 15 % (test) by <see cref="Metric"/>.
/// </summary>
public sealed record WalkForwardRequest(RunRequest? Base = null, Dictionary<string, JsonElement>? Grid = null, string? Metric = null);
