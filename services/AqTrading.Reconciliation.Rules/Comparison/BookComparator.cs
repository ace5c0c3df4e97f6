namespace AqTrading.Reconciliation.Rules.Comparison;

/// <summary>Thresholds of the comparison; the defaults are the reference's (§10).</summary>
public sealed class ComparisonTolerances
{
    /// <summary>Cash differences up to this many dollars are rounding, not a discrepancy.</summary>
    public decimal CashTolerance { get; set; } = 1.00m;

    /// <summary>Equity differences up to this percentage of our equity are marks moving between two reads.</summary>
    public decimal EquityTolerancePercent { get; set; } = 0.1m;

    /// <summary>Average costs closer than this are equal (brokers round costs differently).</summary>
    public decimal CostTolerance { get; set; } = 0.0001m;
}

/// <summary>
/// Compares our books with the broker's (reference §10): a symbol only the broker holds is missing locally, one only we
/// hold is missing at the broker, different quantities are critical; a cost difference (quantities equal) is info; cash
/// beyond $1 and equity beyond 0.1 % are warnings. Beyond the reference, working orders known on one side only: an order
/// only the broker works could trade without us knowing (critical); one only we think is working is stale (warning).
/// </summary>
public static class BookComparator
{
    public static IReadOnlyList<Finding> Compare(AccountBook local, AccountBook broker, ComparisonTolerances tolerances)
    {
        var findings = new List<Finding>();
        var ours = Net(local.Positions);
        var theirs = Net(broker.Positions);
        foreach (var symbol in ours.Keys.Union(theirs.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            var hasLocal = ours.TryGetValue(symbol, out var l);
            var hasBroker = theirs.TryGetValue(symbol, out var b);
            if (!hasLocal)
            {
                findings.Add(new Finding(DiscrepancyType.MissingLocal, DiscrepancySeverity.Critical, symbol, null, 0m, b!.Quantity,
                    $"The broker holds {b.Quantity} {symbol}; our books hold none."));
            }
            else if (!hasBroker)
            {
                findings.Add(new Finding(DiscrepancyType.MissingBroker, DiscrepancySeverity.Critical, symbol, null, l!.Quantity, 0m,
                    $"Our books hold {l.Quantity} {symbol}; the broker holds none."));
            }
            else if (l!.Quantity != b!.Quantity)
            {
                findings.Add(new Finding(DiscrepancyType.QuantityMismatch, DiscrepancySeverity.Critical, symbol, null, l.Quantity, b.Quantity,
                    $"{symbol}: our books hold {l.Quantity}, the broker {b.Quantity}."));
            }
            else if (Math.Abs(l.AverageCost - b.AverageCost) > tolerances.CostTolerance)
            {
                findings.Add(new Finding(DiscrepancyType.CostMismatch, DiscrepancySeverity.Info, symbol, null, l.AverageCost, b.AverageCost,
                    $"{symbol}: our average cost is {l.AverageCost}, the broker's {b.AverageCost}."));
            }
        }

        if (Math.Abs(local.Cash - broker.Cash) > tolerances.CashTolerance)
        {
            findings.Add(new Finding(DiscrepancyType.CashMismatch, DiscrepancySeverity.Warning, null, null, local.Cash, broker.Cash,
                $"Cash differs by {broker.Cash - local.Cash:0.00}: ours {local.Cash:0.00}, the broker's {broker.Cash:0.00}."));
        }

        if (EquityDiffers(local.Equity, broker.Equity, tolerances.EquityTolerancePercent))
        {
            findings.Add(new Finding(DiscrepancyType.EquityMismatch, DiscrepancySeverity.Warning, null, null, local.Equity, broker.Equity,
                $"Equity differs by {broker.Equity - local.Equity:0.00}: ours {local.Equity:0.00}, the broker's {broker.Equity:0.00}."));
        }

        if (local.OpenOrders is { } localOrders && broker.OpenOrders is { } brokerOrders)
        {
            var localIds = localOrders.Select(o => o.OrderId).ToHashSet();
            var brokerIds = brokerOrders.Select(o => o.OrderId).ToHashSet();
            foreach (var order in brokerOrders.Where(o => !localIds.Contains(o.OrderId)).OrderBy(o => o.OrderId))
            {
                findings.Add(new Finding(DiscrepancyType.OrderMissingLocal, DiscrepancySeverity.Critical, order.Symbol, order.OrderId, null, null,
                    $"The broker works order {order.OrderId} ({order.Symbol}) that we do not know as working."));
            }

            foreach (var order in localOrders.Where(o => !brokerIds.Contains(o.OrderId)).OrderBy(o => o.OrderId))
            {
                findings.Add(new Finding(DiscrepancyType.OrderMissingBroker, DiscrepancySeverity.Warning, order.Symbol, order.OrderId, null, null,
                    $"Order {order.OrderId} ({order.Symbol}) is working in our books but not at the broker."));
            }
        }

        return findings;
    }

    /// <summary>
    /// The differences of a second comparison, made a moment after the first, that stand: found both times, and — except
    /// for equity, which moves with every mark — with neither side's value changed in between. A side that moved is still
    /// booking (under load the portfolio books fills a while after the broker made them, so quantity and cash differ on
    /// both reads without anything being wrong): such a difference is <c>Unsettled</c>, to be judged by a later run.
    /// </summary>
    public static (IReadOnlyList<Finding> Confirmed, IReadOnlyList<Finding> Unsettled) Confirm(IReadOnlyList<Finding> first,
        IReadOnlyList<Finding> second)
    {
        var before = first.ToDictionary(f => f.Key);
        var confirmed = new List<Finding>();
        var unsettled = new List<Finding>();
        foreach (var finding in second)
        {
            if (!before.TryGetValue(finding.Key, out var earlier))
            {
                continue;
            }

            var settled = finding.Type == DiscrepancyType.EquityMismatch
                || (earlier.LocalValue == finding.LocalValue && earlier.BrokerValue == finding.BrokerValue);
            (settled ? confirmed : unsettled).Add(finding);
        }

        return (confirmed, unsettled);
    }

    /// <summary>Beyond the tolerance as a percentage of our equity; when ours is zero, any broker equity differs.</summary>
    public static bool EquityDiffers(decimal local, decimal broker, decimal tolerancePercent) =>
        local == 0m ? broker != 0m : Math.Abs(broker - local) / Math.Abs(local) * 100m > tolerancePercent;

    /// <summary>
    /// Positions summed by symbol (our books keep one per strategy); the average cost is quantity-weighted. Flat symbols are
    /// left out: a closed position is no position.
    /// </summary>
    private static Dictionary<string, BookPosition> Net(IEnumerable<BookPosition> positions) =>
        positions.GroupBy(p => p.Symbol.ToUpperInvariant())
            .Select(g =>
            {
                var quantity = g.Sum(p => p.Quantity);
                var weight = g.Sum(p => Math.Abs(p.Quantity));
                var cost = weight == 0 ? 0m : g.Sum(p => Math.Abs(p.Quantity) * p.AverageCost) / weight;
                return new BookPosition(g.Key, quantity, cost);
            })
            .Where(p => p.Quantity != 0)
            .ToDictionary(p => p.Symbol, StringComparer.OrdinalIgnoreCase);
}
