using AqTrading.Risk.Rules;

namespace AqTrading.Risk.UnitTests;

/// <summary>A $100,000 account with no positions, trading RUNNING at neutral bias, unless a test says otherwise.</summary>
internal static class Scenario
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    public static AccountSnapshot Account(decimal equity = 100_000m, decimal? buyingPower = null, decimal dayPnl = 0m,
        decimal? peak = null, params PositionSnapshot[] positions) =>
        new("paper", equity, buyingPower ?? equity, dayPnl, peak ?? equity, positions);

    public static RiskContext Context(AccountSnapshot? account = null, decimal bias = 1m, TradingState state = TradingState.Running,
        params string[] pausedStrategies) =>
        new(new TradingStatus(state, Now, "test", "test", state != TradingState.Halted), new HashSet<string>(pausedStrategies), bias,
            account ?? Account());

    public static OrderIntent Buy(decimal quantity, decimal price, string symbol = "AAPL", string? strategy = "s1", decimal multiplier = 1m) =>
        new(Guid.NewGuid().ToString("N"), "paper", strategy, symbol, Side.Buy, quantity, price, multiplier);

    public static OrderIntent Sell(decimal quantity, decimal price, string symbol = "AAPL", string? strategy = "s1") =>
        new(Guid.NewGuid().ToString("N"), "paper", strategy, symbol, Side.Sell, quantity, price);

    public static PositionSnapshot Holding(string symbol, decimal quantity, decimal price, string? strategy = "s1") =>
        new(symbol, strategy, quantity, quantity * price);
}
