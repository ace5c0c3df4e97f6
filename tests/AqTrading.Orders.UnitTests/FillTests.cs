using AqTrading.Orders.Domain;
using static AqTrading.Orders.UnitTests.Scenario;

namespace AqTrading.Orders.UnitTests;

public sealed class FillTests
{
    [Fact]
    public void A_new_order_is_pending_with_nothing_filled()
    {
        var order = new OrderState(100m);

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(0m, order.FilledQuantity);
        Assert.Equal(100m, order.RemainingQuantity);
        Assert.Null(order.AverageFillPrice);
        Assert.Empty(order.AppliedFillIds);
        Assert.Null(order.LastBrokerSequence);
        Assert.False(order.IsTerminal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_order_needs_a_positive_quantity(int quantity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderState(quantity));

    [Fact]
    public void A_partial_fill_moves_a_submitted_order_to_partially_filled()
    {
        var order = OrderIn(OrderStatus.Submitted);

        var result = order.ApplyFill(Fill("F1", 40m, 10m));

        Assert.Equal(FillOutcome.Applied, result.Outcome);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(40m, order.FilledQuantity);
        Assert.Equal(60m, order.RemainingQuantity);
        Assert.Equal(10m, order.AverageFillPrice);
        Assert.Equal(["F1"], order.AppliedFillIds);
    }

    [Fact]
    public void A_fill_that_arrives_before_the_submit_acknowledgement_is_booked()
    {
        var order = new OrderState(100m);

        Assert.Equal(FillOutcome.Applied, order.ApplyFill(Fill("F1", 1m, 10m)).Outcome);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void Filling_the_whole_quantity_makes_the_order_filled()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyFill(Fill("F1", 30m, 10m));

        order.ApplyFill(Fill("F2", 70m, 10m));

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(0m, order.RemainingQuantity);
        Assert.True(order.IsTerminal);
    }

    [Fact]
    public void Average_fill_price_is_volume_weighted()
    {
        var order = OrderIn(OrderStatus.Submitted);

        order.ApplyFill(Fill("F1", 10m, 100m));
        order.ApplyFill(Fill("F2", 30m, 104m));

        // (10·100 + 30·104) / 40 = 103; the plain mean of the two prices would be 102.
        Assert.Equal(103m, order.AverageFillPrice);
    }

    [Fact]
    public void Average_fill_price_continues_from_a_restored_order()
    {
        var order = OrderState.Restore(OrderStatus.PartiallyFilled, 100m, 50m, 20m, ["F1"], 3);

        order.ApplyFill(Fill("F2", 50m, 22m));

        Assert.Equal(21m, order.AverageFillPrice);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Duplicate_fill_id_is_ignored()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyFill(Fill("F1", 40m, 10m));

        var result = order.ApplyFill(Fill("F1", 40m, 10m));

        Assert.Equal(FillOutcome.DuplicateIgnored, result.Outcome);
        Assert.Equal(40m, order.FilledQuantity);
        Assert.Equal(10m, order.AverageFillPrice);
    }

    [Fact]
    public void A_redelivered_fill_on_a_filled_order_is_a_duplicate_not_an_overfill()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyFill(Fill("F1", 100m, 10m));

        Assert.Equal(FillOutcome.DuplicateIgnored, order.ApplyFill(Fill("F1", 100m, 10m)).Outcome);
    }

    [Fact]
    public void Fill_ids_restored_from_storage_are_still_recognised()
    {
        var order = OrderState.Restore(OrderStatus.PartiallyFilled, 100m, 40m, 10m, ["F1"], null);

        Assert.Equal(FillOutcome.DuplicateIgnored, order.ApplyFill(Fill("F1", 40m, 10m)).Outcome);
        Assert.Equal(40m, order.FilledQuantity);
    }

    [Fact]
    public void Fill_ids_are_case_sensitive()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyFill(Fill("fill-a", 10m, 10m));

        Assert.Equal(FillOutcome.Applied, order.ApplyFill(Fill("FILL-A", 10m, 10m)).Outcome);
        Assert.Equal(20m, order.FilledQuantity);
    }

    [Fact]
    public void A_fill_beyond_the_order_quantity_is_rejected_and_changes_nothing()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyFill(Fill("F1", 80m, 10m));

        var result = order.ApplyFill(Fill("F2", 21m, 12m));

        Assert.Equal(FillOutcome.Rejected, result.Outcome);
        Assert.Equal("fill_exceeds_quantity", result.ReasonCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(80m, order.FilledQuantity);
        Assert.Equal(10m, order.AverageFillPrice);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.DoesNotContain("F2", order.AppliedFillIds);
    }

    [Fact]
    public void A_fill_of_exactly_the_remaining_quantity_is_accepted()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyFill(Fill("F1", 80m, 10m));

        Assert.Equal(FillOutcome.Applied, order.ApplyFill(Fill("F2", 20m, 10m)).Outcome);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Theory]
    [InlineData("", 1, 10, "invalid_fill_id")]
    [InlineData("  ", 1, 10, "invalid_fill_id")]
    [InlineData("F1", 0, 10, "invalid_fill_quantity")]
    [InlineData("F1", -1, 10, "invalid_fill_quantity")]
    [InlineData("F1", 1, 0, "invalid_fill_price")]
    [InlineData("F1", 1, -3, "invalid_fill_price")]
    public void A_malformed_fill_is_rejected(string id, int quantity, int price, string reasonCode)
    {
        var order = OrderIn(OrderStatus.Submitted);

        var result = order.ApplyFill(Fill(id, quantity, price));

        Assert.Equal(FillOutcome.Rejected, result.Outcome);
        Assert.Equal(reasonCode, result.ReasonCode);
        Assert.Equal(0m, order.FilledQuantity);
        Assert.Equal(OrderStatus.Submitted, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void A_late_fill_completing_a_terminal_order_upgrades_it_to_filled(OrderStatus terminal)
    {
        var order = OrderIn(terminal);

        var result = order.ApplyFill(Fill("F1", 100m, 10m));

        Assert.Equal(FillOutcome.Applied, result.Outcome);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void A_late_fill_after_cancel_is_still_booked()
    {
        var order = OrderIn(OrderStatus.Cancelled);

        var result = order.ApplyFill(Fill("F1", 30m, 10m));

        Assert.Equal(FillOutcome.Applied, result.Outcome);
        Assert.Equal(30m, order.FilledQuantity);
        Assert.Equal(10m, order.AverageFillPrice);
        // The broker will not fill the rest, so the order stays cancelled, with its partial quantity.
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(70m, order.RemainingQuantity);
    }

    [Fact]
    public void A_partial_fill_after_a_cancel_request_keeps_the_cancel_pending()
    {
        var order = OrderIn(OrderStatus.CancelRequested);

        order.ApplyFill(Fill("F1", 30m, 10m));

        Assert.Equal(OrderStatus.CancelRequested, order.Status);
        Assert.Equal(30m, order.FilledQuantity);
    }

    [Fact]
    public void A_fill_racing_a_cancel_request_can_still_complete_the_order()
    {
        var order = OrderIn(OrderStatus.CancelRequested);

        order.ApplyFill(Fill("F1", 100m, 10m));

        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Fills_still_due_after_the_broker_reported_filled_are_booked_and_the_order_stays_filled()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyBrokerStatus(OrderStatus.Filled, null);

        Assert.Equal(FillOutcome.Applied, order.ApplyFill(Fill("F1", 40m, 10m)).Outcome);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(40m, order.FilledQuantity);
    }

    [Fact]
    public void Restore_refuses_a_filled_quantity_above_the_order_quantity() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderState.Restore(OrderStatus.Filled, 10m, 11m, 5m, [], null));

    [Fact]
    public void Restore_refuses_a_filled_order_without_an_average_price() =>
        Assert.Throws<ArgumentException>(() => OrderState.Restore(OrderStatus.PartiallyFilled, 10m, 5m, null, [], null));

    [Fact]
    public void Restore_keeps_every_field()
    {
        var order = OrderState.Restore(OrderStatus.PartiallyFilled, 10m, 4m, 7.5m, ["A", "B"], 42);

        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(10m, order.Quantity);
        Assert.Equal(4m, order.FilledQuantity);
        Assert.Equal(6m, order.RemainingQuantity);
        Assert.Equal(7.5m, order.AverageFillPrice);
        Assert.Equal(["A", "B"], order.AppliedFillIds.Order(StringComparer.Ordinal));
        Assert.Equal(42, order.LastBrokerSequence);
    }
}
