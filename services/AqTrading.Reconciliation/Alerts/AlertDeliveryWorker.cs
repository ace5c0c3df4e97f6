using System.Net.Http.Json;
using System.Net.Mail;
using AqTrading.Reconciliation.Data;
using AqTrading.Reconciliation.Rules.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AqTrading.Reconciliation.Alerts;

/// <summary>Settings under <c>Alerts</c>. Destinations are named; only their names are stored with delivery attempts.</summary>
public sealed class AlertOptions
{
    /// <summary>Webhook URLs by name (<c>Alerts:Webhooks:default</c>); Slack-style JSON is POSTed.</summary>
    public Dictionary<string, string> Webhooks { get; set; } = [];

    /// <summary>Email addresses by name: <c>default</c>, <c>risk</c>, <c>ops</c>.</summary>
    public Dictionary<string, string> Emails { get; set; } = [];

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The wait before the first retry; each later retry waits twice as long (1, 2, 4, 8, 16 s).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public int Retries { get; set; } = 5;

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string Sender { get; set; } = "aq-trading@localhost";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool EnableSsl { get; set; } = true;
}

/// <summary>
/// Delivers stored alerts: each route (severity → channels → configured destinations) is tried, retried with backoff on
/// failure, and every attempt recorded in <c>alert_deliveries</c>. A SEV1 alert that no destination received raises an
/// <c>alert_delivery_failed</c> alert (whose own failure is only logged).
/// </summary>
public sealed partial class AlertDeliveryWorker(AlertQueue queue, IServiceScopeFactory scopes, IHttpClientFactory clients,
    IOptionsMonitor<AlertOptions> options, TimeProvider time, ILogger<AlertDeliveryWorker> logger) : BackgroundService
{
    public const string WebhookClient = "alert-webhooks";

    private readonly HashSet<Guid> _started = [];

    /// <summary>
    /// Woken by new alerts, and every second looks for stored alerts with no delivery attempt yet — alerts raised by
    /// consumers (committed by the inbox transaction) and any left behind by a restart.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                wait.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    await queue.Pending.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // poll
                }
            }

            while (queue.Pending.Reader.TryRead(out _))
            {
            }

            List<Guid> undelivered;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReconciliationDbContext>();
                var since = time.GetUtcNow().AddHours(-1);
                undelivered = await db.Alerts.AsNoTracking()
                    .Where(a => a.CreatedAt > since && !db.AlertDeliveries.Any(d => d.AlertId == a.Id))
                    .OrderBy(a => a.CreatedAt).Select(a => a.Id).Take(200).ToListAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogDeliveryCrashed(Guid.Empty, e.Message);
                continue;
            }

            foreach (var id in undelivered.Where(_started.Add))
            {
                // Each alert on its own task: one unreachable destination's retries must not hold back the next alert.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await DeliverAsync(id, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        LogDeliveryCrashed(id, e.Message);
                    }
                }, CancellationToken.None);
            }

            if (_started.Count > 10_000)
            {
                _started.Clear(); // older than an hour by now, or delivered: either way no longer picked up twice
            }
        }
    }

    private async Task DeliverAsync(Guid alertId, CancellationToken ct)
    {
        Alert? alert;
        await using (var scope = scopes.CreateAsyncScope())
        {
            alert = await scope.ServiceProvider.GetRequiredService<ReconciliationDbContext>().Alerts.AsNoTracking()
                .SingleOrDefaultAsync(a => a.Id == alertId, ct);
        }

        if (alert is null)
        {
            return; // its transaction rolled back
        }

        var settings = options.CurrentValue;
        var emails = settings.Smtp.Host is null ? [] : settings.Emails.Where(e => !string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();
        var webhooks = settings.Webhooks.Where(w => !string.IsNullOrWhiteSpace(w.Value)).Select(w => w.Key).ToList();
        var routes = AlertRules.Route(alert.Type, alert.Severity, emails, webhooks);
        var results = await Task.WhenAll(routes.Select(route => DeliverWithRetriesAsync(alert, route, settings, ct)));
        if (alert.Severity == 1 && !results.Any(delivered => delivered) && alert.Type != AlertTypes.AlertDeliveryFailed)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconciliationDbContext>();
            var alerts = scope.ServiceProvider.GetRequiredService<AlertService>();
            await alerts.RaiseAsync(new AlertRequest(AlertTypes.AlertDeliveryFailed, 1, $"SEV1 alert could not be delivered: {alert.Summary}",
                new { alertId = alert.Id, alert.Type }, time.GetUtcNow(), alert.AccountId), ct);
            await db.SaveChangesAsync(ct);
            alerts.Dispatch();
        }
    }

    private async Task<bool> DeliverWithRetriesAsync(Alert alert, AlertRoute route, AlertOptions settings, CancellationToken ct)
    {
        var backoff = AlertRules.Backoff(settings.FirstRetryDelay, settings.Retries);
        for (var attempt = 1; ; attempt++)
        {
            var (ok, code, error) = await SendAsync(alert, route, settings, ct);
            await RecordAsync(alert.Id, route, attempt, ok, code, error, ct);
            if (ok)
            {
                return true;
            }

            if (attempt > backoff.Count)
            {
                LogGaveUp(alert.Id, route.Destination, attempt);
                return false;
            }

            await Task.Delay(backoff[attempt - 1], time, ct);
        }
    }

    private async Task<(bool Ok, int? Code, string? Error)> SendAsync(Alert alert, AlertRoute route, AlertOptions settings, CancellationToken ct)
    {
        try
        {
            switch (route.Channel)
            {
                case AlertChannel.Log:
                    LogAlert(alert.Severity, alert.Type, alert.Summary);
                    return (true, null, null);
                case AlertChannel.Webhook:
                {
                    var url = settings.Webhooks[route.Destination["webhook:".Length..]];
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(settings.WebhookTimeout);
                    using var response = await clients.CreateClient(WebhookClient).PostAsJsonAsync(url, new
                    {
                        text = $"{(alert.Severity == 1 ? "🚨" : "⚠️")} [SEV{alert.Severity}] {alert.Summary}",
                        attachments = new[] { new { color = alert.Severity == 1 ? "#ff0000" : "#ffcc00", text = alert.Details } },
                        alert = new { alert.Id, alert.Type, alert.Severity, alert.Summary, alert.Fingerprint, alert.AccountId, alert.Symbol, alert.OccurredAt },
                    }, timeout.Token);
                    return response.IsSuccessStatusCode
                        ? (true, (int)response.StatusCode, null)
                        : (false, (int)response.StatusCode, $"The webhook answered {(int)response.StatusCode}.");
                }

                case AlertChannel.Email:
                {
                    var smtp = settings.Smtp;
                    using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
                    if (smtp.Username is not null)
                    {
                        client.Credentials = new System.Net.NetworkCredential(smtp.Username, smtp.Password);
                    }

                    using var message = new MailMessage(smtp.Sender, settings.Emails[route.Destination["email:".Length..]],
                        $"[SEV{alert.Severity}] {alert.Summary}",
                        $"Type: {alert.Type}\nTime: {alert.OccurredAt:O}\nAlert: {alert.Id}\nAccount: {alert.AccountId}\nSymbol: {alert.Symbol}\n\n{alert.Details}");
                    await client.SendMailAsync(message, ct);
                    return (true, 250, null);
                }

                default:
                    return (false, null, "Unknown channel.");
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return (false, null, e.Message.Length > 1000 ? e.Message[..1000] : e.Message);
        }
    }

    private async Task RecordAsync(Guid alertId, AlertRoute route, int attempt, bool ok, int? code, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconciliationDbContext>();
        var now = time.GetUtcNow();
        db.AlertDeliveries.Add(new AlertDelivery
        {
            AlertId = alertId, Channel = route.Channel.ToString().ToLowerInvariant(), Destination = route.Destination, Attempt = attempt,
            Status = ok ? "sent" : "failed", ResponseCode = code, Error = error, CreatedAt = now, SentAt = ok ? now : null,
        });
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(LogLevel.Warning, "ALERT SEV{Severity} {Type}: {Summary}")]
    private partial void LogAlert(int severity, string type, string summary);

    [LoggerMessage(LogLevel.Error, "Alert {AlertId} to {Destination} failed {Attempts} times; giving up")]
    private partial void LogGaveUp(Guid alertId, string destination, int attempts);

    [LoggerMessage(LogLevel.Error, "Delivering alert {AlertId} failed: {Reason}")]
    private partial void LogDeliveryCrashed(Guid alertId, string reason);
}
