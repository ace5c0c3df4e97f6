using System.Text.Json;
using AqTrading.Backtest.Engine;
using AqTrading.MarketData.Core.Bars;
using AqTrading.Strategies.Engine;
using AqTrading.Strategies.Engine.Catalog;

namespace AqTrading.Backtest.Runs;

/// <param name="FeeModel"><c>per_share</c> (default, <see cref="FeeRate"/> 0.005 $/share), <c>per_order</c> (rate $/fill, default 1),
/// <c>percent</c> (rate as a fraction of trade value, default 0.001), <c>ibkr_fixed</c> or <c>none</c>.</param>
/// <param name="SlippageModel"><c>fixed_bps</c> (default, <see cref="SlippageBps"/> 5), <c>volume_share</c> (price impact 0.1,
/// volume limit 0.025) or <c>none</c>.</param>
public sealed record CostsRequest(string? FeeModel = null, decimal? FeeRate = null, string? SlippageModel = null, decimal? SlippageBps = null,
    decimal? PriceImpact = null, decimal? VolumeLimit = null);

/// <summary>Target sizing: hold <see cref="Fraction"/> of equity (less <see cref="CashBuffer"/>) per signal instead of the strategy's quantity.</summary>
public sealed record SizingRequest(decimal? Fraction = null, decimal? CashBuffer = null);

/// <summary>
/// The body of <c>POST /api/backtest/runs</c> (and the <c>base</c> of a sweep or walk-forward). Dates are New York
/// trading days, both inclusive. <see cref="Normalize"/> fills every default, so the stored request says exactly what ran.
/// </summary>
/// <param name="Benchmark">Buy-and-hold of this symbol (default SPY); <c>none</c> for no benchmark.</param>
/// <param name="Adjusted">Split- and dividend-adjusted bars (default true) or raw.</param>
public sealed record RunRequest(
    string? Strategy = null,
    JsonElement? Parameters = null,
    List<string>? Symbols = null,
    DateOnly? Start = null,
    DateOnly? End = null,
    string? Resolution = null,
    decimal? Capital = null,
    CostsRequest? Costs = null,
    string? Benchmark = null,
    string? FillModel = null,
    string? Account = null,
    decimal? MaxLeverage = null,
    SizingRequest? Sizing = null,
    bool? Adjusted = null)
{
    public const string NoBenchmark = "none";
    private static readonly string[] FeeModels = ["per_share", "per_order", "percent", "ibkr_fixed", "none"];
    private static readonly string[] SlippageModels = ["fixed_bps", "volume_share", "none"];
    private static readonly string[] FillModels = ["next_bar_open", "bar_close", "quote"];
    private static readonly string[] Accounts = ["cash", "margin"];

    /// <summary>The strategy's id inside a backtest (signals and fills carry it).</summary>
    public const string StrategyId = "backtest";

    /// <summary>Market-data's resolution code: <c>1d</c> or <c>1m</c>.</summary>
    public string BarResolution => Resolution == "minute" ? "1m" : "1d";

    /// <summary>The first traded instant: the start day's midnight in New York.</summary>
    public DateTimeOffset StartTime => ExchangeTime.DayStart(Start!.Value);

    /// <summary>The end of the end day: the next midnight in New York (a daily bar ends there).</summary>
    public DateTimeOffset EndTime => ExchangeTime.DayStart(End!.Value.AddDays(1));

    public string? BenchmarkSymbol => Benchmark is null or NoBenchmark ? null : Benchmark;

    /// <summary>
    /// Checks every field except the strategy parameters (which need the strategy catalog, see <see cref="CreateStrategy"/>)
    /// and returns the request with defaults filled in; errors are keyed by the field's path under <paramref name="prefix"/>.
    /// </summary>
    public RunRequest Normalize(IDictionary<string, string[]> errors, string prefix = "")
    {
        void Fail(string field, string message) => errors.TryAdd(prefix + field, [message]);

        if (string.IsNullOrWhiteSpace(Strategy))
        {
            Fail("strategy", $"The strategy is required; known strategies: {string.Join(", ", StrategyCatalog.Kinds)}.");
        }
        else if (!StrategyCatalog.Kinds.Contains(Strategy))
        {
            Fail("strategy", $"Unknown strategy '{Strategy}'; known strategies: {string.Join(", ", StrategyCatalog.Kinds)}.");
        }

        var symbols = (Symbols ?? []).Select(s => (s ?? "").Trim().ToUpperInvariant()).Distinct().ToList();
        if (symbols.Count == 0)
        {
            Fail("symbols", "Give at least one symbol to trade.");
        }

        if (Start is null)
        {
            Fail("start", "The start date is required (yyyy-MM-dd).");
        }

        if (End is null)
        {
            Fail("end", "The end date is required (yyyy-MM-dd).");
        }
        else if (Start is not null && End < Start)
        {
            Fail("end", $"The end ({End:yyyy-MM-dd}) is before the start ({Start:yyyy-MM-dd}).");
        }

        var resolution = Resolution ?? "daily";
        if (resolution is not ("daily" or "minute"))
        {
            Fail("resolution", "The resolution must be daily or minute.");
        }
        else if (resolution == "minute" && Start is not null && End is not null && End.Value.DayNumber - Start.Value.DayNumber > 92)
        {
            Fail("end", "A minute backtest covers at most 92 days; use daily bars for longer ranges.");
        }

        var capital = Capital ?? 100_000m;
        if (capital is <= 0m or > 1_000_000_000_000m)
        {
            Fail("capital", "The capital must be positive (at most 10¹²).");
        }

        var costs = Costs ?? new CostsRequest();
        var feeModel = costs.FeeModel ?? "per_share";
        if (!FeeModels.Contains(feeModel))
        {
            Fail("costs.feeModel", $"The fee model must be one of: {string.Join(", ", FeeModels)}.");
        }

        if (costs.FeeRate is < 0m)
        {
            Fail("costs.feeRate", "The fee rate cannot be negative.");
        }

        var slippageModel = costs.SlippageModel ?? "fixed_bps";
        if (!SlippageModels.Contains(slippageModel))
        {
            Fail("costs.slippageModel", $"The slippage model must be one of: {string.Join(", ", SlippageModels)}.");
        }

        if (costs.SlippageBps is < 0m or > 10_000m)
        {
            Fail("costs.slippageBps", "The slippage must be from 0 to 10000 basis points.");
        }

        if (costs.PriceImpact is < 0m)
        {
            Fail("costs.priceImpact", "The price impact cannot be negative.");
        }

        if (costs.VolumeLimit is <= 0m or > 1m)
        {
            Fail("costs.volumeLimit", "The volume limit must be in (0, 1].");
        }

        var benchmark = Benchmark is null ? "SPY" : Benchmark.Trim();
        benchmark = benchmark.Equals(NoBenchmark, StringComparison.OrdinalIgnoreCase) ? NoBenchmark : benchmark.ToUpperInvariant();
        if (benchmark.Length is 0 or > 32)
        {
            Fail("benchmark", "The benchmark is a symbol (default SPY) or 'none'.");
        }

        var fillModel = FillModel ?? "next_bar_open";
        if (!FillModels.Contains(fillModel))
        {
            Fail("fillModel", $"The fill model must be one of: {string.Join(", ", FillModels)}.");
        }

        var account = Account ?? "cash";
        if (!Accounts.Contains(account))
        {
            Fail("account", "The account must be cash or margin.");
        }

        if (MaxLeverage is <= 0m or > 10m)
        {
            Fail("maxLeverage", "The margin account's leverage must be in (0, 10].");
        }

        if (Sizing is { } sizing)
        {
            if (sizing.Fraction is not (> 0m and <= 10m))
            {
                Fail("sizing.fraction", "The fraction of equity to hold must be in (0, 10].");
            }

            if (sizing.CashBuffer is < 0m or >= 1m)
            {
                Fail("sizing.cashBuffer", "The cash buffer must be in [0, 1).");
            }
        }

        var parameters = Parameters is { ValueKind: JsonValueKind.Object } p ? p : JsonSerializer.SerializeToElement(new { });
        if (Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            Fail("parameters", "The parameters must be a JSON object of the strategy's parameters.");
        }

        return this with
        {
            Strategy = Strategy, Parameters = parameters, Symbols = symbols, Resolution = resolution, Capital = capital,
            Costs = new CostsRequest(feeModel, costs.FeeRate ?? DefaultFeeRate(feeModel), slippageModel,
                slippageModel == "fixed_bps" ? costs.SlippageBps ?? 5m : null,
                slippageModel == "volume_share" ? costs.PriceImpact ?? 0.1m : null,
                slippageModel == "volume_share" ? costs.VolumeLimit ?? 0.025m : null),
            Benchmark = benchmark, FillModel = fillModel, Account = account,
            MaxLeverage = account == "margin" ? MaxLeverage ?? 2m : null,
            Sizing = Sizing is null ? null : new SizingRequest(Sizing.Fraction, Sizing.CashBuffer ?? 0.02m),
            Adjusted = Adjusted ?? true,
        };
    }

    /// <summary>The strategy with these parameters, or the catalog's errors keyed <c>{prefix}parameters.{name}</c> (the kind as <c>strategy</c>).</summary>
    public StrategyCreation CreateStrategy(IReadOnlyDictionary<string, JsonElement>? parameters = null)
    {
        var json = parameters is null ? Parameters : JsonSerializer.SerializeToElement(parameters);
        var creation = StrategyCatalog.Create(new StrategySpec(StrategyId, Strategy ?? "", Symbols ?? [], json));
        return creation with
        {
            Errors = creation.Errors.Where(e => e.Key is not ("symbols" or "id"))
                .ToDictionary(e => e.Key == "kind" ? "strategy" : e.Key, e => e.Value),
        };
    }

    /// <summary>The parameters as name → value (an empty object when none were given).</summary>
    public IReadOnlyDictionary<string, JsonElement> ParameterValues =>
        Parameters is { ValueKind: JsonValueKind.Object } p
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>();

    /// <summary>The engine's spec for <paramref name="strategy"/> over [<paramref name="start"/>, <paramref name="end"/>].</summary>
    public BacktestSpec ToSpec(Strategy strategy, DateTimeOffset start, DateTimeOffset end)
    {
        var costs = Costs ?? new CostsRequest();
        var fees = costs.FeeModel switch
        {
            "per_order" => FeeModel.PerOrder(costs.FeeRate ?? 1m),
            "percent" => FeeModel.Percent(costs.FeeRate ?? 0.001m),
            "ibkr_fixed" => FeeModel.InteractiveBrokersFixed,
            "none" => FeeModel.None,
            _ => FeeModel.PerShare(costs.FeeRate ?? 0.005m),
        };
        var slippage = costs.SlippageModel switch
        {
            "volume_share" => SlippageModel.VolumeShare(costs.PriceImpact ?? 0.1m, costs.VolumeLimit ?? 0.025m),
            "none" => SlippageModel.None,
            _ => SlippageModel.FixedBps(costs.SlippageBps ?? 5m),
        };
        var fill = FillModel switch
        {
            "bar_close" => Engine.FillModel.BarClose,
            "quote" => Engine.FillModel.Quote,
            _ => Engine.FillModel.NextBarOpen,
        };
        var account = Account == "margin" ? AccountModel.MarginAccount(MaxLeverage ?? 2m) : AccountModel.CashAccount;
        var sizing = Sizing is { Fraction: { } fraction } s ? PositionSizing.EquityFraction(fraction, s.CashBuffer ?? 0.02m) : null;
        return new BacktestSpec(strategy, start, end, Capital ?? 100_000m, fill, slippage, fees, account, sizing, BenchmarkSymbol);
    }

    private static decimal? DefaultFeeRate(string model) => model switch
    {
        "per_share" => 0.005m,
        "per_order" => 1m,
        "percent" => 0.001m,
        _ => null,
    };
}
