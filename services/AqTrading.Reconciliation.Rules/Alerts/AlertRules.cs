namespace AqTrading.Reconciliation.Rules.Alerts;

/// <summary>Alert types (reference §11, plus reconciliation's and health's).</summary>
public static class AlertTypes
{
    public const string OrderRejected = "order_rejected";
    public const string PositionLimitHit = "position_limit_hit";
    public const string DailyLossLimit = "daily_loss_limit";
    public const string KillSwitchActivated = "kill_switch_activated";
    public const string TradingHalted = "trading_halted";
    public const string TradingRestricted = "trading_restricted";
    public const string ReconciliationDiscrepancy = "reconciliation_discrepancy";
    public const string OptionExpiring = "option_expiring";
    public const string ComponentUnhealthy = "component_unhealthy";
    public const string ComponentRecovered = "component_recovered";
    public const string AlertDeliveryFailed = "alert_delivery_failed";

    /// <summary>Recoveries are never deduplicated: each one is news.</summary>
    public static bool IsRecovery(string type) => type == ComponentRecovered;
}

public enum AlertChannel { Email, Webhook, Log }

public sealed record AlertRoute(AlertChannel Channel, string Destination);

public static class AlertRules
{
    /// <summary>The 10-minute dedup bucket (reference §11).</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(10);

    public const int SummaryLimit = 255;

    /// <summary>type:account:symbol:strategy, empty segments allowed.</summary>
    public static string Fingerprint(string type, string? accountId, string? symbol, string? strategyId) =>
        $"{type}:{accountId}:{symbol}:{strategyId}";

    /// <summary>
    /// Alerts with the same type and key are one alert: the fingerprint within a 10-minute bucket of the event time;
    /// a recovery is keyed by its own id so it is never suppressed; an expiring contract once per fingerprint (which names
    /// the position and the threshold), ever.
    /// </summary>
    public static string DedupeKey(string type, string fingerprint, DateTimeOffset occurredAt, Guid alertId) =>
        AlertTypes.IsRecovery(type) ? $"{fingerprint}:recovery:{alertId:N}"
        : type == AlertTypes.OptionExpiring ? $"{fingerprint}:permanent"
        : $"{fingerprint}:{occurredAt.ToUnixTimeSeconds() / (long)Bucket.TotalSeconds}";

    public static string Summary(string summary) =>
        summary.Length <= SummaryLimit ? summary : summary[..(SummaryLimit - 3)] + "...";

    /// <summary>
    /// Where an alert goes: SEV1 email + webhook, SEV2 webhook, SEV3 the log only; email to the type's own recipients
    /// (risk, ops) and the default one, webhooks to every configured one. Destinations without configuration are skipped.
    /// </summary>
    public static IReadOnlyList<AlertRoute> Route(string type, int severity, IReadOnlyCollection<string> emailDestinations,
        IReadOnlyCollection<string> webhookDestinations)
    {
        if (severity >= 3)
        {
            return [new AlertRoute(AlertChannel.Log, "log")];
        }

        var routes = new List<AlertRoute>();
        if (severity == 1)
        {
            string[] wanted = type switch
            {
                AlertTypes.DailyLossLimit or AlertTypes.PositionLimitHit => ["risk", "default"],
                AlertTypes.KillSwitchActivated => ["ops", "risk", "default"],
                _ => ["default"],
            };
            routes.AddRange(wanted.Where(w => emailDestinations.Contains(w)).Select(w => new AlertRoute(AlertChannel.Email, $"email:{w}")));
        }

        routes.AddRange(webhookDestinations.Order(StringComparer.Ordinal).Select(w => new AlertRoute(AlertChannel.Webhook, $"webhook:{w}")));
        return routes.Count == 0 ? [new AlertRoute(AlertChannel.Log, "log")] : routes;
    }

    /// <summary>Waits before each retry of a failed delivery: 1, 2, 4, 8, 16 s (so at most six attempts).</summary>
    public static IReadOnlyList<TimeSpan> Backoff(TimeSpan first, int retries) =>
        Enumerable.Range(0, retries).Select(i => first * Math.Pow(2, i)).ToList();
}
