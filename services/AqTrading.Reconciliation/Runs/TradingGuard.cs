using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace AqTrading.Reconciliation.Runs;

/// <summary>Moves trading to REDUCING (or HALTED) through the risk service on a critical discrepancy, and back when resolved.</summary>
public sealed partial class TradingGuard(IHttpClientFactory clients, IOptionsMonitor<ReconciliationOptions> options, ILogger<TradingGuard> logger)
{
    public const string RiskClient = "risk";

    private sealed record StateDto(string State, string? Reason);

    public async Task<string?> RestrictAsync(string summary, CancellationToken ct)
    {
        var action = options.CurrentValue.OnCritical;
        if (action == CriticalAction.None)
        {
            return null;
        }

        var path = action == CriticalAction.Halt ? "/api/risk/halt" : "/api/risk/reduce";
        var reason = $"{ReconciliationOptions.ReasonPrefix} {summary}";
        if (reason.Length > 1000)
        {
            reason = reason[..997] + "...";
        }

        try
        {
            using var response = await clients.CreateClient(RiskClient).PostAsJsonAsync(path, new { reason }, ct);
            // 409: the state does not allow it (already halted, say) — stricter than what we ask for, so nothing to do.
            LogRestricted(path, (int)response.StatusCode);
            return action == CriticalAction.Halt ? "halted" : "reducing";
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogRiskUnreachable(e.Message);
            return null;
        }
    }

    /// <summary>Resumes trading only when reconciliation itself put it into REDUCING; a halt stays for an operator to lift.</summary>
    public async Task<bool> ReleaseAsync(CancellationToken ct)
    {
        var risk = clients.CreateClient(RiskClient);
        var state = await risk.GetFromJsonAsync<StateDto>("/api/risk/state", ct);
        if (state is not { State: "reducing" } || state.Reason?.StartsWith(ReconciliationOptions.ReasonPrefix, StringComparison.Ordinal) != true)
        {
            return false;
        }

        using var response = await risk.PostAsync("/api/risk/resume", null, ct);
        return response.IsSuccessStatusCode;
    }

    [LoggerMessage(LogLevel.Warning, "Critical reconciliation discrepancy: asked risk {Path}, answered {Status}")]
    private partial void LogRestricted(string path, int status);

    [LoggerMessage(LogLevel.Error, "Critical reconciliation discrepancy, but risk could not be reached to restrict trading: {Reason}")]
    private partial void LogRiskUnreachable(string reason);
}
