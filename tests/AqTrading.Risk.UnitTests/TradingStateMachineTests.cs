using AqTrading.Risk.Rules;
using static AqTrading.Risk.UnitTests.Scenario;

namespace AqTrading.Risk.UnitTests;

public sealed class TradingStateMachineTests
{
    private static readonly TradingStatus Running = TradingStatus.Initial(Now);

    [Fact]
    public void A_halt_cannot_be_resumed_until_resume_is_enabled()
    {
        var halted = TradingStateMachine.Halt(Running, "ops", "Kill switch activated", Now).Status;
        Assert.Equal(TradingState.Halted, halted.State);
        Assert.False(halted.CanResume);

        var refused = TradingStateMachine.Resume(halted, "ops", Now);
        Assert.Equal("resume_not_enabled", refused.ErrorCode);
        Assert.Equal(TradingState.Halted, refused.Status.State);

        var enabled = TradingStateMachine.EnableResume(halted, "ops", Now).Status;
        var resumed = TradingStateMachine.Resume(enabled, "ops", Now.AddMinutes(1));
        Assert.True(resumed.Succeeded);
        Assert.Equal(TradingState.Running, resumed.Status.State);
        Assert.Equal(Now.AddMinutes(1), resumed.Status.Since);
    }

    [Fact]
    public void A_pause_resumes_directly()
    {
        var paused = TradingStateMachine.Pause(Running, "trader", "lunch", Now).Status;

        Assert.True(paused.CanResume);
        Assert.Equal(TradingState.Running, TradingStateMachine.Resume(paused, "trader", Now).Status.State);
    }

    [Fact]
    public void Enable_resume_is_refused_unless_halted()
    {
        Assert.Equal("not_halted", TradingStateMachine.EnableResume(Running, "ops", Now).ErrorCode);
    }

    [Fact]
    public void A_halt_is_not_softened_into_a_pause_or_reducing()
    {
        var halted = TradingStateMachine.Halt(Running, "ops", "x", Now).Status;

        Assert.Equal("trading_halted", TradingStateMachine.Pause(halted, "ops", null, Now).ErrorCode);
        Assert.Equal("trading_halted", TradingStateMachine.Reduce(halted, "ops", null, Now).ErrorCode);
    }

    [Fact]
    public void Every_change_records_who_when_and_why()
    {
        var reduced = TradingStateMachine.Reduce(Running, "reconciliation", "quantity mismatch on AAPL", Now).Status;

        Assert.Equal(TradingState.Reducing, reduced.State);
        Assert.Equal("reconciliation", reduced.ChangedBy);
        Assert.Equal("quantity mismatch on AAPL", reduced.Reason);
        Assert.Equal(Now, reduced.Since);
    }
}

public sealed class RiskBiasTests
{
    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("not a number", 1.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("1.5", 1.5)]
    [InlineData("0", 0.0)]
    public void Unusable_values_mean_neutral_and_valid_ones_are_taken(string? raw, double expected)
    {
        var (value, clamped) = RiskBias.Parse(raw);

        Assert.Equal((decimal)expected, value);
        Assert.False(clamped);
    }

    [Theory]
    [InlineData("2.5", 2.0)]
    [InlineData("-1", 0.0)]
    [InlineData("1e3", 2.0)]
    public void Values_outside_zero_to_two_are_clamped_and_flagged(string raw, double expected)
    {
        var (value, clamped) = RiskBias.Parse(raw);

        Assert.Equal((decimal)expected, value);
        Assert.True(clamped);
    }
}

public sealed class RiskLimitsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new RiskLimits().Validate());
    }

    [Fact]
    public void Bad_limits_are_named_by_field()
    {
        var errors = new RiskLimits { MaxPositionValue = 0, MaxPositionPct = 150, MaxPositions = 0, MaxDrawdownPct = -1 }.Validate();

        Assert.Equal(["maxDrawdownPct", "maxPositionPct", "maxPositionValue", "maxPositions"], errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
