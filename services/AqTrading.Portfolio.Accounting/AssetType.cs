namespace AqTrading.Portfolio.Accounting;

public enum AssetType
{
    Equity,
    Option,
    Future,
}

/// <summary>
/// Contract multipliers: how many units of the underlying one quantity unit controls. A position carries its
/// multiplier explicitly because only equities and standard options have a universal one.
/// </summary>
public static class Multipliers
{
    /// <summary>1 for an equity share; 100 for a standard US equity option.</summary>
    /// <exception cref="ArgumentException">For futures: there is no sensible default (ES is 50, NQ 20, CL 1000), and
    /// the reference system's "1 for everything but options" silently understated futures P&amp;L.</exception>
    public static decimal Default(AssetType assetType) => assetType switch
    {
        AssetType.Equity => 1m,
        AssetType.Option => 100m,
        AssetType.Future => throw new ArgumentException(
            "A future's multiplier comes from its contract specification; there is no default.", nameof(assetType)),
        _ => throw new ArgumentOutOfRangeException(nameof(assetType), assetType, "Unknown asset type."),
    };

    /// <summary>
    /// The contract's own multiplier when it has one (mini options, options adjusted after a corporate action,
    /// every future), otherwise <see cref="Default"/>.
    /// </summary>
    public static decimal For(AssetType assetType, decimal? contractMultiplier) =>
        contractMultiplier is { } given ? Guard.Multiplier(given) : Default(assetType);
}

internal static class Guard
{
    public static decimal Multiplier(decimal value, string name = "multiplier") =>
        value > 0m ? value : throw new ArgumentOutOfRangeException(name, value, "A multiplier must be positive.");

    public static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Must not be empty.", name) : value;
}
