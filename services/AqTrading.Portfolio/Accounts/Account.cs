namespace AqTrading.Portfolio.Accounts;

/// <summary>A trading account and its cash. Money is <c>decimal</c>, stored as numeric(18,4).</summary>
public sealed class Account
{
    /// <summary>The paper account every new installation starts with.</summary>
    public const string PaperAccountId = "paper";

    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary><c>paper</c> or a broker adapter's name.</summary>
    public required string Broker { get; init; }

    public required string Currency { get; init; }

    public decimal Cash { get; set; }

    /// <summary>
    /// The sum of every transaction's realized P&amp;L, kept with each booking (the transactions' own values, rounded as
    /// they are stored), so reading an account does not sum its whole history.
    /// </summary>
    public decimal RealizedPnl { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
