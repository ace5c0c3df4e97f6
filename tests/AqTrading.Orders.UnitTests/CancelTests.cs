using AqTrading.Orders.Domain;
using static AqTrading.Orders.UnitTests.Scenario;

namespace AqTrading.Orders.UnitTests;

public sealed class CancelTests
{
    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Submitted)]
    [InlineData(OrderStatus.PartiallyFilled)]
    public void A_working_order_can_be_asked_to_cancel(OrderStatus status)
    {
        var order = OrderIn(status);

        var result = order.RequestCancel();

        Assert.Equal(CancelOutcome.Requested, result.Outcome);
        Assert.True(result.Changed);
        Assert.Null(result.ReasonCode);
        Assert.Equal(OrderStatus.CancelRequested, order.Status);
    }

    [Fact]
    public void Asking_again_to_cancel_is_a_no_op()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.RequestCancel();

        var result = order.RequestCancel();

        Assert.Equal(CancelOutcome.AlreadyRequested, result.Outcome);
        Assert.False(result.Changed);
        Assert.Null(result.ReasonCode);
        Assert.Equal(OrderStatus.CancelRequested, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Filled)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void A_terminal_order_is_not_cancellable(OrderStatus status)
    {
        var order = OrderIn(status);

        var result = order.RequestCancel();

        Assert.Equal(CancelOutcome.Refused, result.Outcome);
        Assert.False(result.Changed);
        Assert.Equal("order_not_cancellable", result.ReasonCode);
        Assert.Contains(status.ToString().ToLowerInvariant(), result.Message);
        Assert.Equal(status, order.Status);
    }

    [Fact]
    public void A_partially_filled_order_keeps_its_fills_when_cancel_is_requested()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.ApplyFill(Fill("F1", 25m, 10m));

        order.RequestCancel();

        Assert.Equal(25m, order.FilledQuantity);
        Assert.Equal(75m, order.RemainingQuantity);
    }

    [Fact]
    public void A_filled_status_from_the_broker_overrides_a_pending_cancel()
    {
        var order = OrderIn(OrderStatus.Submitted);
        order.RequestCancel();

        Assert.True(order.ApplyBrokerStatus(OrderStatus.Filled, null));
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal("order_not_cancellable", order.RequestCancel().ReasonCode);
    }
}
