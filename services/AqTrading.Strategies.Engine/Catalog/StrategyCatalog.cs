using System.Text.Json;
using System.Text.RegularExpressions;
using AqTrading.Strategies.Engine.BuiltIn;

namespace AqTrading.Strategies.Engine.Catalog;

/// <summary>What a strategy instance is made from: the same on the live and the backtest path.</summary>
/// <param name="Parameters">A JSON object of the kind's parameters (camelCase); null or absent means every default.</param>
public sealed record StrategySpec(string Id, string Kind, IReadOnlyList<string> Symbols, JsonElement? Parameters);

/// <summary>The outcome of <see cref="StrategyCatalog.Create"/>: a strategy, or errors keyed by the offending field.</summary>
public sealed record StrategyCreation(Strategy? Strategy, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Strategy is not null;
}

/// <summary>The built-in strategy kinds and how each is made from its JSON parameters.</summary>
public static partial class StrategyCatalog
{
    public const string Momentum = "momentum";
    public const string TrendBreakout = "trend_breakout";
    public const string SmaCrossover = "sma_crossover";

    public static readonly IReadOnlyList<string> Kinds = [Momentum, TrendBreakout, SmaCrossover];

    public static StrategyCreation Create(StrategySpec spec)
    {
        var parameters = new StrategyParameters(spec.Parameters);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(spec.Id) || !IdPattern().IsMatch(spec.Id))
        {
            errors["id"] = ["The id must be 1–64 characters: lower-case letters, digits, '-' or '_', starting with a letter or digit."];
        }

        var symbols = spec.Symbols ?? [];
        if (symbols.Count == 0)
        {
            errors["symbols"] = ["At least one symbol is required."];
        }
        else if (symbols.FirstOrDefault(s => string.IsNullOrWhiteSpace(s) || !SymbolPattern().IsMatch(s)) is { } bad)
        {
            errors["symbols"] = [$"'{bad}' is not a valid symbol (1–32 letters, digits, '.', '-', '/' or '_')."];
        }
        else if (symbols.Count > 100)
        {
            errors["symbols"] = ["At most 100 symbols per strategy."];
        }

        Func<Strategy>? make = spec.Kind switch
        {
            Momentum => Read(MomentumParameters.Read, parameters, p => new MomentumStrategy(spec.Id, symbols, p)),
            TrendBreakout => Read(TrendBreakoutParameters.Read, parameters, p => new TrendBreakoutStrategy(spec.Id, symbols, p)),
            SmaCrossover => Read(SmaCrossoverParameters.Read, parameters, p => new SmaCrossoverStrategy(spec.Id, symbols, p)),
            _ => null,
        };
        if (make is null)
        {
            errors["kind"] = [$"Unknown strategy kind '{spec.Kind}'; known kinds: {string.Join(", ", Kinds)}."];
        }
        else
        {
            parameters.RejectUnknown(spec.Kind);
        }

        foreach (var (key, messages) in parameters.Errors)
        {
            errors[key] = messages;
        }

        return errors.Count > 0 || make is null ? new StrategyCreation(null, errors) : new StrategyCreation(make(), errors);
    }

    private static Func<Strategy> Read<TParameters>(Func<StrategyParameters, TParameters> read, StrategyParameters parameters,
        Func<TParameters, Strategy> create)
    {
        var values = read(parameters);
        return () => create(values);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9./_-]{0,31}$")]
    private static partial Regex SymbolPattern();
}
