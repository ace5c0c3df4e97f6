using AqTrading.Reconciliation.Rules.Comparison;

namespace AqTrading.Reconciliation.UnitTests;

public sealed class BookComparatorTests
{
    private static readonly ComparisonTolerances Defaults = new();

    private static AccountBook Book(decimal cash, decimal equity, params BookPosition[] positions) => new(cash, equity, positions, []);

    [Fact]
    public void Identical_books_are_clean()
    {
        var book = Book(1000m, 2000m, new BookPosition("AAPL", 10, 100m));
        Assert.Empty(BookComparator.Compare(book, book, Defaults));
    }

    [Fact]
    public void A_symbol_only_the_broker_holds_is_missing_locally_and_critical()
    {
        var finding = Assert.Single(BookComparator.Compare(Book(0, 0), Book(0, 0, new BookPosition("TSLA", 5, 200m)), new() { EquityTolerancePercent = 100 }),
            f => f.Type != DiscrepancyType.EquityMismatch);
        Assert.Equal((DiscrepancyType.MissingLocal, DiscrepancySeverity.Critical, "TSLA", 0m, 5m),
            (finding.Type, finding.Severity, finding.Symbol, finding.LocalValue, finding.BrokerValue));
    }

    [Fact]
    public void A_symbol_only_we_hold_is_missing_at_the_broker_and_critical()
    {
        var finding = Assert.Single(BookComparator.Compare(Book(100, 100, new BookPosition("MSFT", 3, 10m)), Book(100, 100), Defaults));
        Assert.Equal((DiscrepancyType.MissingBroker, DiscrepancySeverity.Critical), (finding.Type, finding.Severity));
    }

    [Fact]
    public void Different_quantities_are_critical_and_a_cost_difference_is_then_not_reported()
    {
        var findings = BookComparator.Compare(Book(100, 100, new BookPosition("AAPL", 10, 100m)), Book(100, 100, new BookPosition("AAPL", 11, 105m)), Defaults);
        var finding = Assert.Single(findings);
        Assert.Equal((DiscrepancyType.QuantityMismatch, DiscrepancySeverity.Critical, 10m, 11m),
            (finding.Type, finding.Severity, finding.LocalValue, finding.BrokerValue));
    }

    [Fact]
    public void Equal_quantities_at_different_cost_are_info()
    {
        var finding = Assert.Single(BookComparator.Compare(Book(100, 100, new BookPosition("AAPL", 10, 100m)),
            Book(100, 100, new BookPosition("AAPL", 10, 100.5m)), Defaults));
        Assert.Equal((DiscrepancyType.CostMismatch, DiscrepancySeverity.Info), (finding.Type, finding.Severity));
    }

    [Fact]
    public void Positions_are_matched_by_symbol_with_strategies_summed()
    {
        var local = Book(0, 0, new BookPosition("AAPL", 4, 100m), new BookPosition("aapl", 6, 100m));
        Assert.Empty(BookComparator.Compare(local, Book(0, 0, new BookPosition("AAPL", 10, 100m)), Defaults));
    }

    [Theory]
    [InlineData(1.00, false)]
    [InlineData(1.01, true)]
    [InlineData(-1.01, true)]
    public void Cash_differs_beyond_one_dollar_as_a_warning(double delta, bool expected)
    {
        var findings = BookComparator.Compare(Book(100_000m, 100_000m), Book(100_000m + (decimal)delta, 100_000m), Defaults);
        Assert.Equal(expected, findings.Any(f => f is { Type: DiscrepancyType.CashMismatch, Severity: DiscrepancySeverity.Warning }));
    }

    [Theory]
    [InlineData(100_000, 100_100, false)] // exactly 0.1 %
    [InlineData(100_000, 100_101, true)]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)] // our equity zero, the broker's not
    public void Equity_differs_beyond_a_tenth_of_a_percent_of_ours(double local, double broker, bool expected) =>
        Assert.Equal(expected, BookComparator.EquityDiffers((decimal)local, (decimal)broker, 0.1m));

    [Fact]
    public void Working_orders_known_on_one_side_only_are_found_with_the_broker_only_ones_critical()
    {
        Guid both = Guid.NewGuid(), ours = Guid.NewGuid(), theirs = Guid.NewGuid();
        var local = new AccountBook(0, 0, [], [new BookOrder(both, "A"), new BookOrder(ours, "B")]);
        var broker = new AccountBook(0, 0, [], [new BookOrder(both, "A"), new BookOrder(theirs, "C")]);
        var findings = BookComparator.Compare(local, broker, Defaults);
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f is { Type: DiscrepancyType.OrderMissingLocal, Severity: DiscrepancySeverity.Critical } && f.OrderId == theirs);
        Assert.Contains(findings, f => f is { Type: DiscrepancyType.OrderMissingBroker, Severity: DiscrepancySeverity.Warning } && f.OrderId == ours);
    }

    [Fact]
    public void Orders_are_not_compared_when_the_broker_cannot_list_them()
    {
        var local = new AccountBook(0, 0, [], [new BookOrder(Guid.NewGuid(), "A")]);
        Assert.Empty(BookComparator.Compare(local, local with { OpenOrders = null }, Defaults));
    }

    [Fact]
    public void The_same_difference_has_the_same_key_across_runs()
    {
        var a = BookComparator.Compare(Book(0, 0, new BookPosition("X", 1, 1)), Book(0, 0, new BookPosition("X", 2, 1)), Defaults).Single();
        var b = BookComparator.Compare(Book(0, 0, new BookPosition("X", 1, 1)), Book(0, 0, new BookPosition("X", 3, 1)), Defaults).Single();
        Assert.Equal("quantity_mismatch:X", a.Key);
        Assert.Equal(a.Key, b.Key);
    }
    [Fact]
    public void A_difference_is_confirmed_only_when_the_second_read_finds_it_with_both_sides_unchanged()
    {
        var broker = Book(900m, 2000m, new BookPosition("AAPL", 15, 100m), new BookPosition("MSFT", 4, 50m));
        // First read: the portfolio is 5 AAPL behind the broker (fills on their way) and 1 MSFT short of it (a real gap).
        var first = BookComparator.Compare(Book(1400m, 2000m, new BookPosition("AAPL", 10, 100m), new BookPosition("MSFT", 3, 50m)), broker, Defaults);
        // Second read: two more AAPL fills booked (the gap shrinks), MSFT unchanged.
        var second = BookComparator.Compare(Book(1200m, 2000m, new BookPosition("AAPL", 12, 100m), new BookPosition("MSFT", 3, 50m)), broker, Defaults);

        var (confirmed, unsettled) = BookComparator.Confirm(first, second);

        var real = Assert.Single(confirmed);
        Assert.Equal((DiscrepancyType.QuantityMismatch, "MSFT", 3m, 4m), (real.Type, real.Symbol, real.LocalValue, real.BrokerValue));
        Assert.Equal(["cash_mismatch:account", "quantity_mismatch:AAPL"], unsettled.Select(f => f.Key).Order().ToArray());
    }

    [Fact]
    public void A_difference_gone_by_the_second_read_is_neither_confirmed_nor_unsettled()
    {
        var broker = Book(1000m, 2000m, new BookPosition("AAPL", 15, 100m));
        var first = BookComparator.Compare(Book(1000m, 2000m, new BookPosition("AAPL", 10, 100m)), broker, Defaults);
        var (confirmed, unsettled) = BookComparator.Confirm(first, BookComparator.Compare(broker, broker, Defaults));
        Assert.Empty(confirmed);
        Assert.Empty(unsettled);
    }

    [Fact]
    public void An_equity_difference_that_persists_is_confirmed_even_though_marks_moved_it()
    {
        var tolerances = new ComparisonTolerances { EquityTolerancePercent = 1 };
        var first = BookComparator.Compare(Book(1000m, 2000m), Book(1000m, 2500m), tolerances);
        var second = BookComparator.Compare(Book(1000m, 2010m), Book(1000m, 2520m), tolerances);
        var (confirmed, unsettled) = BookComparator.Confirm(first, second);
        Assert.Equal(DiscrepancyType.EquityMismatch, Assert.Single(confirmed).Type);
        Assert.Empty(unsettled);
    }
}
