using AqTrading.Risk.Rules.Greeks;

namespace AqTrading.Risk.UnitTests.Greeks;

public sealed class GreeksAlertsTests
{
    private static readonly GreekLevels Delta = GreeksLimits.Default.DollarDelta; // 100k / 150k / 200k
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(GreeksLevel.Normal, 99_999, GreeksLevel.Normal)]
    [InlineData(GreeksLevel.Normal, -100_000, GreeksLevel.Warn)]
    [InlineData(GreeksLevel.Warn, 94_000, GreeksLevel.Warn)]     // holds down to 93,750 (93.75 % of warn)
    [InlineData(GreeksLevel.Warn, 93_000, GreeksLevel.Normal)]
    [InlineData(GreeksLevel.Warn, 140_000, GreeksLevel.Warn)]
    [InlineData(GreeksLevel.Normal, 150_000, GreeksLevel.Crit)]
    [InlineData(GreeksLevel.Crit, 136_000, GreeksLevel.Crit)]    // holds down to 135,000 (90 % of crit)
    [InlineData(GreeksLevel.Crit, 134_000, GreeksLevel.Warn)]
    [InlineData(GreeksLevel.Hard, 199_999, GreeksLevel.Crit)]    // no hysteresis on hard
    [InlineData(GreeksLevel.Normal, 200_000, GreeksLevel.Hard)]
    public void Levels_rise_at_their_thresholds_and_fall_with_hysteresis(GreeksLevel previous, double value, GreeksLevel expected) =>
        Assert.Equal(expected, GreeksAlerts.Next(previous, value, Delta));

    [Fact]
    public void Alerts_fire_on_entry_and_escalation_repeat_after_the_dedupe_window_and_stay_silent_on_de_escalation()
    {
        var (s1, fire1) = GreeksAlerts.Step(default, 120_000, Delta, Now);
        var (s2, fire2) = GreeksAlerts.Step(s1, 125_000, Delta, Now.AddSeconds(60));
        var (s3, fire3) = GreeksAlerts.Step(s2, 160_000, Delta, Now.AddSeconds(120));
        var (s4, fire4) = GreeksAlerts.Step(s3, 120_000, Delta, Now.AddSeconds(180));
        var (_, fire5) = GreeksAlerts.Step(s4, 120_000, Delta, Now.AddSeconds(120 + 900));

        Assert.Equal((GreeksLevel.Warn, true), (s1.Level, fire1));
        Assert.Equal((GreeksLevel.Warn, false), (s2.Level, fire2));
        Assert.Equal((GreeksLevel.Crit, true), (s3.Level, fire3));
        Assert.Equal((GreeksLevel.Warn, false), (s4.Level, fire4));
        Assert.True(fire5); // warn repeats after 900 s since the last alert
    }
}
