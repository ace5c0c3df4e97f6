using AqTrading.Reconciliation.Rules.Alerts;

namespace AqTrading.Reconciliation.UnitTests;

public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_fingerprint_within_a_ten_minute_bucket_has_one_key_and_the_next_bucket_another()
    {
        var fp = AlertRules.Fingerprint(AlertTypes.OrderRejected, "paper", "AAPL", null);
        Assert.Equal("order_rejected:paper:AAPL:", fp);
        var first = AlertRules.DedupeKey(AlertTypes.OrderRejected, fp, T.AddMinutes(1), Guid.NewGuid());
        Assert.Equal(first, AlertRules.DedupeKey(AlertTypes.OrderRejected, fp, T.AddMinutes(9), Guid.NewGuid()));
        Assert.NotEqual(first, AlertRules.DedupeKey(AlertTypes.OrderRejected, fp, T.AddMinutes(10), Guid.NewGuid()));
    }

    [Fact]
    public void Recoveries_are_never_deduplicated()
    {
        var fp = AlertRules.Fingerprint(AlertTypes.ComponentRecovered, null, null, null);
        Assert.NotEqual(AlertRules.DedupeKey(AlertTypes.ComponentRecovered, fp, T, Guid.NewGuid()),
            AlertRules.DedupeKey(AlertTypes.ComponentRecovered, fp, T, Guid.NewGuid()));
    }

    [Fact]
    public void An_expiring_contract_alerts_once_per_fingerprint_whatever_the_time()
    {
        Assert.Equal(AlertRules.DedupeKey(AlertTypes.OptionExpiring, "fp", T, Guid.NewGuid()),
            AlertRules.DedupeKey(AlertTypes.OptionExpiring, "fp", T.AddDays(1), Guid.NewGuid()));
    }

    [Fact]
    public void Sev1_goes_to_email_and_webhook_sev2_to_webhook_sev3_to_the_log()
    {
        string[] emails = ["default", "risk", "ops"], hooks = ["default"];
        Assert.Equal([new AlertRoute(AlertChannel.Email, "email:default"), new AlertRoute(AlertChannel.Webhook, "webhook:default")],
            AlertRules.Route(AlertTypes.TradingHalted, 1, emails, hooks));
        Assert.Equal([new AlertRoute(AlertChannel.Webhook, "webhook:default")], AlertRules.Route(AlertTypes.TradingRestricted, 2, emails, hooks));
        Assert.Equal([new AlertRoute(AlertChannel.Log, "log")], AlertRules.Route(AlertTypes.OrderRejected, 3, emails, hooks));
    }

    [Fact]
    public void The_kill_switch_also_emails_ops_and_risk_and_unconfigured_destinations_are_skipped()
    {
        var routes = AlertRules.Route(AlertTypes.KillSwitchActivated, 1, ["ops", "default"], []);
        Assert.Equal(["email:ops", "email:default"], routes.Select(r => r.Destination));
        Assert.Equal([new AlertRoute(AlertChannel.Log, "log")], AlertRules.Route(AlertTypes.TradingHalted, 1, [], []));
    }

    [Fact]
    public void Retries_back_off_1_2_4_8_16_seconds()
    {
        Assert.Equal([1, 2, 4, 8, 16], AlertRules.Backoff(TimeSpan.FromSeconds(1), 5).Select(d => d.TotalSeconds));
    }

    [Fact]
    public void A_long_summary_is_cut_to_255_characters()
    {
        var summary = AlertRules.Summary(new string('x', 300));
        Assert.Equal(255, summary.Length);
        Assert.EndsWith("...", summary);
    }
}
