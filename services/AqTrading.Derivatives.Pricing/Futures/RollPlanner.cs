namespace AqTrading.Derivatives.Pricing.Futures;

/// <summary>How a position moves to the next contract.</summary>
public enum RollStrategy
{
    /// <summary>Both legs at once (a calendar spread: sell the front, buy the next, as one decision).</summary>
    CalendarSpread = 0,

    /// <summary>Close the front contract first, then open the next.</summary>
    CloseOpen = 1,
}

/// <summary>A root's roll rule: how, and how many calendar days before the front contract's expiry.</summary>
public sealed record RollRule(RollStrategy Strategy, int DaysBeforeExpiry);

/// <summary>A held futures position (signed quantity: negative is short).</summary>
public sealed record FuturesPosition(string AccountId, string? StrategyId, string Symbol, string Root, DateOnly Expiry, decimal Quantity, decimal Multiplier);

/// <summary>One order of a roll: the side that closes (first) or reopens (second) the position.</summary>
public sealed record RollLeg(string Symbol, string Side, decimal Quantity, string Purpose);

/// <summary>
/// The roll of one position: from <see cref="FromSymbol"/> to <see cref="ToSymbol"/>, due on <see cref="RollDate"/>
/// (expiry minus the rule's days); <see cref="Due"/> when today is on or after it (and before expiry).
/// </summary>
public sealed record RollPlan(
    string AccountId,
    string? StrategyId,
    string Root,
    string FromSymbol,
    string ToSymbol,
    DateOnly Expiry,
    DateOnly RollDate,
    int DaysToExpiry,
    bool Due,
    RollStrategy Strategy,
    decimal Quantity,
    decimal Multiplier,
    IReadOnlyList<RollLeg> Legs);

/// <summary>Plans futures rolls from positions, per-root rules and listing cycles. Pure: dates in, plans out.</summary>
public static class RollPlanner
{
    /// <summary>
    /// A plan for every position in <paramref name="positions"/> whose contract has not expired by
    /// <paramref name="today"/>, soonest expiry first. Rules are looked up by root; <paramref name="defaultRule"/>
    /// covers the rest.
    /// </summary>
    public static IReadOnlyList<RollPlan> Plan(
        IEnumerable<FuturesPosition> positions,
        DateOnly today,
        IReadOnlyDictionary<string, RollRule> rules,
        RollRule defaultRule,
        IReadOnlyDictionary<string, string>? cycles = null)
    {
        var plans = new List<RollPlan>();
        foreach (var position in positions)
        {
            if (position.Quantity == 0 || position.Expiry < today
                || !FuturesContract.TryParse(position.Symbol, position.Root, out var contract))
            {
                continue;
            }

            var rule = rules.TryGetValue(position.Root, out var configured) ? configured : defaultRule;
            var next = FuturesCalendar.Next(contract, cycles);
            var rollDate = position.Expiry.AddDays(-rule.DaysBeforeExpiry);
            var quantity = Math.Abs(position.Quantity);
            var (close, open) = position.Quantity > 0 ? ("sell", "buy") : ("buy", "sell");
            plans.Add(new RollPlan(
                position.AccountId, position.StrategyId, position.Root, position.Symbol, next.Symbol, position.Expiry, rollDate,
                position.Expiry.DayNumber - today.DayNumber, today >= rollDate, rule.Strategy, position.Quantity, position.Multiplier,
                [new RollLeg(position.Symbol, close, quantity, "close"), new RollLeg(next.Symbol, open, quantity, "open")]));
        }

        return plans.OrderBy(p => p.Expiry).ThenBy(p => p.FromSymbol, StringComparer.Ordinal).ToList();
    }
}
