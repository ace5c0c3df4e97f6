namespace AqTrading.Backtest.Engine;

public enum FeeKind { PerShare, PerOrder, Percent, InteractiveBrokersFixed }

/// <summary>
/// Commission of one fill. <see cref="FeeKind.PerShare"/>: Rate × shares (default 0.005). <see cref="FeeKind.PerOrder"/>: Rate
/// per fill. <see cref="FeeKind.Percent"/>: Rate × trade value. <see cref="FeeKind.InteractiveBrokersFixed"/> (IBKR US equity
/// "fixed" pricing): $0.005 per share, at least $1.00, at most 0.5 % of the trade value — when the cap is below the minimum
/// (a very cheap trade) the cap wins, as IBKR's schedule says.
/// </summary>
public sealed record FeeModel(FeeKind Kind, decimal Rate, decimal Minimum = 0m, decimal MaximumFraction = 0m)
{
    public static FeeModel None { get; } = PerOrder(0m);

    public static FeeModel PerShare(decimal perShare = 0.005m) => new(FeeKind.PerShare, NonNegative(perShare));

    public static FeeModel PerOrder(decimal perOrder) => new(FeeKind.PerOrder, NonNegative(perOrder));

    public static FeeModel Percent(decimal fractionOfValue) => new(FeeKind.Percent, NonNegative(fractionOfValue));

    public static FeeModel InteractiveBrokersFixed { get; } = new(FeeKind.InteractiveBrokersFixed, 0.005m, 1m, 0.005m);

    public decimal Fee(decimal quantity, decimal price)
    {
        var value = Math.Abs(quantity * price);
        return Kind switch
        {
            FeeKind.PerShare => Rate * Math.Abs(quantity),
            FeeKind.PerOrder => Rate,
            FeeKind.Percent => Rate * value,
            _ => Math.Min(Math.Max(Rate * Math.Abs(quantity), Minimum), MaximumFraction * value),
        };
    }

    private static decimal NonNegative(decimal value) =>
        value < 0m ? throw new ArgumentOutOfRangeException(nameof(value), "A fee cannot be negative.") : value;
}
