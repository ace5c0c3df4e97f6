using AqTrading.Portfolio.Accounting;

namespace AqTrading.Portfolio.UnitTests;

/// <summary>Fills and positions for the tests: a paper account, AAPL shares unless a test says otherwise.</summary>
internal static class Trades
{
    public const string Account = "paper";
    public const string Stock = "AAPL";
    public const string OptionSymbol = "AAPL250117C00150000";
    public const string EsFuture = "ESZ5";

    // E-mini S&P 500: $50 per index point.
    public const decimal EsMultiplier = 50m;

    public static Fill Buy(decimal quantity, decimal price, decimal fees = 0m, string symbol = Stock,
        AssetType assetType = AssetType.Equity, decimal multiplier = 1m, string? strategy = null) =>
        new(Account, strategy, symbol, assetType, multiplier, FillSide.Buy, quantity, price, fees);

    public static Fill Sell(decimal quantity, decimal price, decimal fees = 0m, string symbol = Stock,
        AssetType assetType = AssetType.Equity, decimal multiplier = 1m, string? strategy = null) =>
        new(Account, strategy, symbol, assetType, multiplier, FillSide.Sell, quantity, price, fees);

    public static Fill BuyOption(decimal contracts, decimal premium, decimal fees = 0m) =>
        Buy(contracts, premium, fees, OptionSymbol, AssetType.Option, 100m);

    public static Fill SellOption(decimal contracts, decimal premium, decimal fees = 0m) =>
        Sell(contracts, premium, fees, OptionSymbol, AssetType.Option, 100m);

    public static Fill BuyEs(decimal contracts, decimal price, decimal fees = 0m) =>
        Buy(contracts, price, fees, EsFuture, AssetType.Future, EsMultiplier);

    public static Fill SellEs(decimal contracts, decimal price, decimal fees = 0m) =>
        Sell(contracts, price, fees, EsFuture, AssetType.Future, EsMultiplier);

    public static Position Holding(decimal quantity, decimal averageCost, string symbol = Stock,
        AssetType assetType = AssetType.Equity, decimal multiplier = 1m, string? strategy = null) =>
        new(symbol, Account, strategy, assetType, multiplier, quantity, averageCost);

    public static Position OptionHolding(decimal contracts, decimal averageCost) =>
        Holding(contracts, averageCost, OptionSymbol, AssetType.Option, 100m);

    public static Position EsHolding(decimal contracts, decimal averageCost) =>
        Holding(contracts, averageCost, EsFuture, AssetType.Future, EsMultiplier);
}
