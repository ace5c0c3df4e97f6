using System.Text.Json;
using AqTrading.Strategies.Engine.Catalog;

namespace AqTrading.Strategies.Registry;

/// <summary>Makes strategy instances from definitions: the built-in catalog, replaceable to add kinds (tests, plug-ins).</summary>
public interface IStrategyFactory
{
    IReadOnlyList<string> Kinds { get; }

    StrategyCreation Create(StrategySpec spec);
}

public sealed class BuiltInStrategyFactory : IStrategyFactory
{
    public IReadOnlyList<string> Kinds => StrategyCatalog.Kinds;

    public StrategyCreation Create(StrategySpec spec) => StrategyCatalog.Create(spec);
}

public static class StrategyFactoryExtensions
{
    public static StrategyCreation Create(this IStrategyFactory factory, StrategyDefinition definition)
    {
        using var parameters = JsonDocument.Parse(definition.Parameters);
        return factory.Create(new StrategySpec(definition.Id, definition.Kind, definition.Symbols, parameters.RootElement.Clone()));
    }
}
