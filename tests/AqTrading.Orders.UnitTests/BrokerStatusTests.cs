using AqTrading.Orders.Domain;
using static AqTrading.Orders.UnitTests.Scenario;

namespace AqTrading.Orders.UnitTests;

public sealed class BrokerStatusTests
{
    [Fact]
    public void Statuses_advance_along_the_lifecycle()
    {
        var order = new OrderState(100m);

        Assert.True(order.ApplyBrokerStatus(OrderStatus.Submitted, 1));
        Assert.Equal(OrderStatus.Submitted, order.Status);
        Assert.True(order.ApplyBrokerStatus(OrderStatus.PartiallyFilled, 2));
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.True(order.ApplyBrokerStatus(OrderStatus.Filled, 3));
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(3, order.LastBrokerSequence);
    }

    [Fact]
    public void A_status_may_skip_steps()
    {
        var order = new OrderState(100m);

        Assert.True(order.ApplyBrokerStatus(OrderStatus.Rejected, null));
        Assert.Equal(OrderStatus.Rejected, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Submitted)]
    [InlineData(OrderStatus.PartiallyFilled)]
    [InlineData(OrderStatus.CancelRequested)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void Filled_is_final(OrderStatus later)
    {
        var order = OrderIn(OrderStatus.Filled);

        Assert.False(order.ApplyBrokerStatus(later, null));
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Submitted, OrderStatus.Pending)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Submitted)]
    [InlineData(OrderStatus.CancelRequested, OrderStatus.Submitted)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.PartiallyFilled)]
    [InlineData(OrderStatus.Expired, OrderStatus.Pending)]
    public void A_backward_transition_is_ignored(OrderStatus current, OrderStatus older)
    {
        var order = OrderIn(current);

        Assert.False(order.ApplyBrokerStatus(older, null));
        Assert.Equal(current, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Expired)]
    [InlineData(OrderStatus.Expired, OrderStatus.Rejected)]
    [InlineData(OrderStatus.Rejected, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.CancelRequested)]
    [InlineData(OrderStatus.CancelRequested, OrderStatus.PartiallyFilled)]
    public void A_status_of_equal_priority_does_not_replace_the_current_one(OrderStatus current, OrderStatus other)
    {
        var order = OrderIn(current);

        Assert.False(order.ApplyBrokerStatus(other, null));
        Assert.Equal(current, order.Status);
    }

    [Fact]
    public void Repeating_the_current_status_is_not_a_change()
    {
        var order = OrderIn(OrderStatus.Submitted);

        Assert.False(order.ApplyBrokerStatus(OrderStatus.Submitted, null));
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void A_late_filled_status_upgrades_a_terminal_order(OrderStatus terminal)
    {
        var order = OrderIn(terminal);

        Assert.True(order.ApplyBrokerStatus(OrderStatus.Filled, null));
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void A_cancel_request_is_settled_by_the_broker_confirmation()
    {
        var order = OrderIn(OrderStatus.CancelRequested);

        Assert.True(order.ApplyBrokerStatus(OrderStatus.Cancelled, 5));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public void An_update_with_a_sequence_not_above_the_last_is_skipped(long stale)
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyBrokerStatus(OrderStatus.Submitted, 5);

        // Cancelled would otherwise win on priority: only the sequence stops it.
        Assert.False(order.ApplyBrokerStatus(OrderStatus.Cancelled, stale));
        Assert.Equal(OrderStatus.Submitted, order.Status);
        Assert.Equal(5, order.LastBrokerSequence);
    }

    [Fact]
    public void An_update_with_a_higher_sequence_is_applied_and_recorded()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyBrokerStatus(OrderStatus.Submitted, 5);

        Assert.True(order.ApplyBrokerStatus(OrderStatus.Cancelled, 6));
        Assert.Equal(6, order.LastBrokerSequence);
    }

    [Fact]
    public void An_ignored_status_still_consumes_its_sequence()
    {
        var order = OrderIn(OrderStatus.PartiallyFilled);

        Assert.False(order.ApplyBrokerStatus(OrderStatus.Submitted, 7));
        Assert.Equal(7, order.LastBrokerSequence);
        Assert.False(order.ApplyBrokerStatus(OrderStatus.Cancelled, 7));
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void An_update_without_a_sequence_is_judged_on_priority_and_keeps_the_last_sequence()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyBrokerStatus(OrderStatus.Submitted, 9);

        Assert.True(order.ApplyBrokerStatus(OrderStatus.Expired, null));
        Assert.Equal(OrderStatus.Expired, order.Status);
        Assert.Equal(9, order.LastBrokerSequence);
    }

    [Fact]
    public void A_sequence_restored_from_storage_guards_against_replays()
    {
        var order = OrderState.Restore(OrderStatus.Submitted, 10m, 0m, null, [], 100);

        Assert.False(order.ApplyBrokerStatus(OrderStatus.Cancelled, 100));
        Assert.Equal(OrderStatus.Submitted, order.Status);
    }

    [Fact]
    public void Status_priorities_follow_the_reference()
    {
        Assert.Equal(0, OrderStatus.Pending.Priority());
        Assert.Equal(1, OrderStatus.Submitted.Priority());
        Assert.Equal(2, OrderStatus.PartiallyFilled.Priority());
        Assert.Equal(2, OrderStatus.CancelRequested.Priority());
        Assert.Equal(3, OrderStatus.Cancelled.Priority());
        Assert.Equal(3, OrderStatus.Rejected.Priority());
        Assert.Equal(3, OrderStatus.Expired.Priority());
        Assert.Equal(4, OrderStatus.Filled.Priority());
    }

    [Theory]
    [InlineData(OrderStatus.Pending, false)]
    [InlineData(OrderStatus.Submitted, false)]
    [InlineData(OrderStatus.PartiallyFilled, false)]
    [InlineData(OrderStatus.CancelRequested, false)]
    [InlineData(OrderStatus.Filled, true)]
    [InlineData(OrderStatus.Cancelled, true)]
    [InlineData(OrderStatus.Rejected, true)]
    [InlineData(OrderStatus.Expired, true)]
    public void Only_filled_cancelled_rejected_and_expired_are_terminal(OrderStatus status, bool terminal)
    {
        Assert.Equal(terminal, status.IsTerminal());
        Assert.Equal(terminal, OrderIn(status).IsTerminal);
    }
}
