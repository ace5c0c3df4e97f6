using AqTrading.Reconciliation.Rules.Health;

namespace AqTrading.Reconciliation.UnitTests;

public sealed class ComponentHealthTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(3);

    private static ProbeResult Up(string component, DateTimeOffset at) => new(component, true, 1.5, null, at);

    private static ProbeResult Fail(string component, DateTimeOffset at, string message = "Connection refused") =>
        new(component, false, 0.4, message, at);

    /// <summary>A tracker that has seen each component healthy once, shortly after it started.</summary>
    private static ComponentHealthTracker Running(params string[] components)
    {
        var tracker = new ComponentHealthTracker(2, Grace, Start);
        Assert.Empty(tracker.Observe(components.Select(c => Up(c, Start.AddSeconds(1)))));
        return tracker;
    }

    [Fact]
    public void One_failed_probe_is_a_blip_the_second_in_a_row_makes_the_component_down()
    {
        var tracker = Running("risk");

        Assert.Empty(tracker.Observe([Fail("risk", Start.AddSeconds(10))]));
        Assert.Equal(ComponentStatus.Healthy, tracker.Snapshot().Single().Status);
        var due = Assert.Single(tracker.Observe([Fail("risk", Start.AddSeconds(20), "no answer within 5 s")]));

        Assert.Equal(("risk", ComponentStatus.Down), (due.Component, due.To));
        Assert.Equal((2, "no answer within 5 s", Start.AddSeconds(20)), (due.State.ConsecutiveFailures, due.State.Message, due.State.Since));
    }

    [Fact]
    public void A_failure_between_successes_never_makes_it_down()
    {
        var tracker = Running("orders");
        for (var i = 1; i <= 6; i++)
        {
            var at = Start.AddSeconds(10 * i);
            Assert.Empty(tracker.Observe([i % 2 == 0 ? Up("orders", at) : Fail("orders", at)]));
        }

        Assert.Equal(ComponentStatus.Healthy, tracker.Snapshot().Single().Status);
    }

    [Fact]
    public void A_down_is_announced_once_and_its_recovery_once()
    {
        var tracker = Running("redis");
        tracker.Observe([Fail("redis", Start.AddSeconds(10))]);
        var down = Assert.Single(tracker.Observe([Fail("redis", Start.AddSeconds(20))]));
        tracker.Announced(down);

        Assert.Empty(tracker.Observe([Fail("redis", Start.AddSeconds(30))]));
        Assert.Equal(3, tracker.Snapshot().Single().ConsecutiveFailures);

        var recovered = Assert.Single(tracker.Observe([Up("redis", Start.AddSeconds(40))]));
        Assert.Equal(ComponentStatus.Healthy, recovered.To);
        Assert.Null(recovered.State.Message);
        tracker.Announced(recovered);
        Assert.Empty(tracker.Observe([Up("redis", Start.AddSeconds(50))]));
    }

    [Fact]
    public void An_announcement_not_confirmed_stays_due_until_it_is()
    {
        var tracker = Running("portfolio");
        tracker.Observe([Fail("portfolio", Start.AddSeconds(10))]);
        Assert.Single(tracker.Observe([Fail("portfolio", Start.AddSeconds(20))]));

        // The alert could not be stored: the next round still owes it.
        var again = Assert.Single(tracker.Observe([Fail("portfolio", Start.AddSeconds(30))]));
        Assert.Equal(ComponentStatus.Down, again.To);
        tracker.Announced(again);
        Assert.Empty(tracker.Due());
    }

    [Fact]
    public void A_down_never_announced_that_comes_back_raises_nothing()
    {
        var tracker = Running("backtest");
        tracker.Observe([Fail("backtest", Start.AddSeconds(10))]);
        Assert.Single(tracker.Observe([Fail("backtest", Start.AddSeconds(20))]));

        Assert.Empty(tracker.Observe([Up("backtest", Start.AddSeconds(30))]));
    }

    [Fact]
    public void A_stale_confirmation_does_not_silence_a_newer_state()
    {
        var tracker = Running("risk");
        tracker.Observe([Fail("risk", Start.AddSeconds(10))]);
        var down = Assert.Single(tracker.Observe([Fail("risk", Start.AddSeconds(20))]));
        Assert.Empty(tracker.Observe([Up("risk", Start.AddSeconds(30))])); // back before the down was recorded

        tracker.Announced(down); // the confirmation of the old down arrives late: it must not mark the component announced down

        Assert.Empty(tracker.Due());
        Assert.Empty(tracker.Observe([Up("risk", Start.AddSeconds(40))]));
    }

    [Fact]
    public void A_component_never_seen_healthy_is_not_called_down_within_the_startup_grace()
    {
        var tracker = new ComponentHealthTracker(2, Grace, Start);
        Assert.Empty(tracker.Observe([Fail("strategies", Start.AddSeconds(5))]));
        Assert.Empty(tracker.Observe([Fail("strategies", Start.AddSeconds(15))]));
        Assert.Equal(ComponentStatus.Unknown, tracker.Snapshot().Single().Status);

        var due = Assert.Single(tracker.Observe([Fail("strategies", Start + Grace)]));
        Assert.Equal(ComponentStatus.Down, due.To);
    }

    [Fact]
    public void A_component_seen_healthy_is_called_down_even_within_the_grace()
    {
        var tracker = Running("derivatives");
        tracker.Observe([Fail("derivatives", Start.AddSeconds(5))]);
        Assert.Single(tracker.Observe([Fail("derivatives", Start.AddSeconds(6))]));
    }

    [Fact]
    public void Overall_is_healthy_without_a_down_component_down_when_all_known_are_and_degraded_between()
    {
        var tracker = Running("risk", "orders");
        Assert.Equal(OverallHealth.Healthy, ComponentHealthTracker.Overall(tracker.Snapshot()));

        tracker.Observe([Fail("risk", Start.AddSeconds(10)), Up("orders", Start.AddSeconds(10))]);
        tracker.Observe([Fail("risk", Start.AddSeconds(20)), Up("orders", Start.AddSeconds(20))]);
        Assert.Equal(OverallHealth.Degraded, ComponentHealthTracker.Overall(tracker.Snapshot()));

        tracker.Observe([Fail("orders", Start.AddSeconds(30)), Fail("risk", Start.AddSeconds(30))]);
        tracker.Observe([Fail("orders", Start.AddSeconds(40)), Fail("risk", Start.AddSeconds(40))]);
        Assert.Equal(OverallHealth.Down, ComponentHealthTracker.Overall(tracker.Snapshot()));
    }
}
