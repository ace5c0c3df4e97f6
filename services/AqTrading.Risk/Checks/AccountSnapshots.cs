using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AqTrading.Risk.Rules;

namespace AqTrading.Risk.Checks;

/// <summary>The portfolio could not be asked about an account: checks fail closed.</summary>
public sealed class PortfolioUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Accounts as risk sees them, cached in memory so a check costs microseconds. A miss asks the portfolio service
/// (account and positions); a booked fill (PositionChanged) drops the account's entry so the next check reads the
/// new books.
/// </summary>
public sealed class AccountSnapshots(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "portfolio";
    private readonly ConcurrentDictionary<string, AccountSnapshot?> _cache = new(StringComparer.Ordinal);

    public async ValueTask<AccountSnapshot?> GetAsync(string accountId, CancellationToken ct)
    {
        if (_cache.TryGetValue(accountId, out var cached))
        {
            return cached;
        }

        var snapshot = await FetchAsync(accountId, ct);
        _cache[accountId] = snapshot;
        return snapshot;
    }

    public void Invalidate(string accountId) => _cache.TryRemove(accountId, out _);

    private sealed record AccountDto(string Id, decimal Equity, decimal BuyingPower);

    private sealed record PositionDto(string Symbol, string? StrategyId, decimal Quantity, decimal MarketValue);

    private async Task<AccountSnapshot?> FetchAsync(string accountId, CancellationToken ct)
    {
        try
        {
            var portfolio = httpClients.CreateClient(HttpClientName);
            var id = Uri.EscapeDataString(accountId);
            using var accountResponse = await portfolio.GetAsync($"/api/portfolio/accounts/{id}", ct);
            if (accountResponse.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            accountResponse.EnsureSuccessStatusCode();
            var account = (await accountResponse.Content.ReadFromJsonAsync<AccountDto>(ct))!;
            var positions = await portfolio.GetFromJsonAsync<List<PositionDto>>($"/api/portfolio/accounts/{id}/positions", ct) ?? [];
            // Day P&L and peak equity are not tracked by the portfolio yet: the loss limits see a flat day at the peak.
            return new AccountSnapshot(account.Id, account.Equity, account.BuyingPower, DayPnl: 0m, PeakEquity: account.Equity,
                positions.Select(p => new PositionSnapshot(p.Symbol, p.StrategyId, p.Quantity, p.MarketValue)).ToList());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
                                      && !ct.IsCancellationRequested)
        {
            throw new PortfolioUnavailableException($"The portfolio could not be asked about account {accountId}: {e.Message}", e);
        }
    }
}
