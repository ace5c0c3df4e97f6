namespace AqTrading.Contracts.MarketData;

/// <summary>The asset classes as the APIs and events spell them.</summary>
public static class AssetClasses
{
    public const string Equity = "equity";
    public const string Option = "option";
    public const string Future = "future";

    public static readonly IReadOnlyList<string> All = [Equity, Option, Future];
}
