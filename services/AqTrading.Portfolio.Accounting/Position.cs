namespace AqTrading.Portfolio.Accounting;

public enum FillSide
{
    Buy,
    Sell,
}

/// <summary>
/// An open position, keyed by (account, symbol, strategy). A flat position does not exist: the fill that brings
/// it to zero returns <c>null</c>, so a zero quantity is rejected here.
/// </summary>
/// <param name="StrategyId"><c>null</c> for manual trades.</param>
/// <param name="Quantity">Signed: short positions are negative.</param>
/// <param name="AverageCost">Per unit of quantity, before the multiplier (a $2.50 option premium is 2.50).</param>
public sealed record Position(
    string Symbol,
    string AccountId,
    string? StrategyId,
    AssetType AssetType,
    decimal Multiplier,
    decimal Quantity,
    decimal AverageCost)
{
    // Each check sits on both the initializer (construction) and the init accessor (`with`), so neither path can
    // produce a position the math below would misvalue.
    public string Symbol { get; init => field = Guard.Required(value, nameof(Symbol)); } = Guard.Required(Symbol, nameof(Symbol));

    public string AccountId { get; init => field = Guard.Required(value, nameof(AccountId)); } = Guard.Required(AccountId, nameof(AccountId));

    public decimal Multiplier { get; init => field = Guard.Multiplier(value, nameof(Multiplier)); } = Guard.Multiplier(Multiplier, nameof(Multiplier));

    public decimal Quantity { get; init => field = NonZero(value); } = NonZero(Quantity);

    public bool IsLong => Quantity > 0m;

    private static decimal NonZero(decimal quantity) => quantity != 0m
        ? quantity
        : throw new ArgumentOutOfRangeException(nameof(Quantity), quantity, "A position is never flat; a flat position is removed.");
}

/// <summary>One execution, with the contract facts needed to open a position from nothing.</summary>
/// <param name="Quantity">Unsigned and positive; <paramref name="Side"/> gives the direction.</param>
/// <param name="Price">Not required to be positive: some futures have traded below zero (WTI, April 2020).</param>
/// <param name="Fees">Commission and exchange fees, as a positive cost.</param>
public sealed record Fill(
    string AccountId,
    string? StrategyId,
    string Symbol,
    AssetType AssetType,
    decimal Multiplier,
    FillSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fees = 0m)
{
    public string Symbol { get; init => field = Guard.Required(value, nameof(Symbol)); } = Guard.Required(Symbol, nameof(Symbol));

    public string AccountId { get; init => field = Guard.Required(value, nameof(AccountId)); } = Guard.Required(AccountId, nameof(AccountId));

    public decimal Multiplier { get; init => field = Guard.Multiplier(value, nameof(Multiplier)); } = Guard.Multiplier(Multiplier, nameof(Multiplier));

    public decimal Quantity { get; init => field = Positive(value); } = Positive(Quantity);

    public decimal Fees { get; init => field = NonNegativeFees(value); } = NonNegativeFees(Fees);

    /// <summary>The change this fill makes to a position's signed quantity.</summary>
    public decimal SignedQuantity => Side == FillSide.Buy ? Quantity : -Quantity;

    private static decimal Positive(decimal quantity) => quantity > 0m
        ? quantity
        : throw new ArgumentOutOfRangeException(nameof(Quantity), quantity, "A fill quantity must be positive; the side gives the direction.");

    // Rebates are not modelled; a negative value here is far more likely a sign mistake than a rebate.
    private static decimal NonNegativeFees(decimal fees) => fees >= 0m
        ? fees
        : throw new ArgumentOutOfRangeException(nameof(Fees), fees, "Fees are a cost and must not be negative.");
}
