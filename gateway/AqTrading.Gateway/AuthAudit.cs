using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using AqTrading.Security;

namespace AqTrading.Gateway;

/// <summary>A sign-in (or refused sign-in) for the audit trail. Never carries the password.</summary>
public sealed record AuthAuditEvent(Guid Id, string EventType, string User, string? ClientAddress, DateTimeOffset OccurredAt);

/// <summary>Sign-ins waiting to be recorded; signing in never waits for the audit trail.</summary>
public sealed class AuthAuditQueue
{
    internal Channel<AuthAuditEvent> Events { get; } =
        Channel.CreateBounded<AuthAuditEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Record(string eventType, string user, HttpContext http, TimeProvider time) =>
        Events.Writer.TryWrite(new AuthAuditEvent(Guid.NewGuid(), eventType, user, http.Connection.RemoteIpAddress?.ToString(), time.GetUtcNow()));
}

/// <summary>
/// The gateway has no message bus, so it records authentication events by POSTing them to the operations service's
/// <c>/api/audit/records</c> with its own service token (subject <c>service:gateway</c>). A failed POST is retried
/// (1 s doubling to 30 s, for about five minutes); the event id makes a retry after a lost answer record it once.
/// </summary>
public sealed partial class AuthAuditForwarder(AuthAuditQueue queue, IHttpClientFactory clients, TokenIssuer issuer, TimeProvider time,
    ILogger<AuthAuditForwarder> logger) : BackgroundService
{
    public const string ClientName = "audit";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var e in queue.Events.Reader.ReadAllAsync(stoppingToken))
        {
            var delay = TimeSpan.FromSeconds(1);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/audit/records")
                    {
                        Content = JsonContent.Create(new
                        {
                            eventType = e.EventType, actorType = "user", actorId = e.User, resourceType = "session", resourceId = e.User,
                            details = new { clientAddress = e.ClientAddress }, occurredAt = e.OccurredAt, correlationId = e.Id,
                        }),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.ServiceToken("gateway"));
                    using var response = await clients.CreateClient(ClientName).SendAsync(request, stoppingToken);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode is >= 400 and < 500)
                    {
                        break; // recorded, or refused for good (a bad request is not retried)
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRetry(e.EventType, attempt, ex.Message);
                }

                if (attempt >= 15)
                {
                    LogDropped(e.EventType, e.User);
                    break;
                }

                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Recording {EventType} in the audit trail failed (attempt {Attempt}): {Reason}")]
    private partial void LogRetry(string eventType, int attempt, string reason);

    [LoggerMessage(LogLevel.Error, "{EventType} of {User} could not be recorded in the audit trail")]
    private partial void LogDropped(string eventType, string user);
}

public static class AuthAuditExtensions
{
    public static IHostApplicationBuilder AddAuthAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuthAuditQueue>();
        builder.Services.AddHttpClient(AuthAuditForwarder.ClientName, client =>
            client.BaseAddress = new Uri(builder.Configuration["Gateway:AuditUrl"] ?? "http://reconciliation"));
        builder.Services.AddHostedService<AuthAuditForwarder>();
        return builder;
    }
}
