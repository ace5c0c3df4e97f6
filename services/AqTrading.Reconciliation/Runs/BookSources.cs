using System.Net.Http.Json;
using AqTrading.Reconciliation.Rules.Comparison;

namespace AqTrading.Reconciliation.Runs;

/// <summary>Reads both sides over HTTP: our books from the portfolio (and our working orders from orders), the broker's from orders.</summary>
public sealed class BookSources(IHttpClientFactory clients)
{
    public const string PortfolioClient = "portfolio";
    public const string OrdersClient = "orders";

    private sealed record AccountDto(string Id, decimal Cash, decimal Equity);

    private sealed record PositionDto(string Symbol, decimal Quantity, decimal AverageCost);

    private sealed record OrderDto(Guid Id, string Symbol);

    private sealed record BrokerOrderDto(Guid OrderId, string Symbol);

    private sealed record BrokerAccountDto(decimal Cash, decimal Equity, List<PositionDto> Positions, List<BrokerOrderDto>? OpenOrders);

    /// <summary>Orders at the broker as far as we know: accepted and not final. Pending ones have not reached it yet.</summary>
    private static readonly string[] WorkingStatuses = ["Submitted", "PartiallyFilled", "CancelRequested"];

    public async Task<IReadOnlyList<string>> AccountsAsync(CancellationToken ct) =>
        (await clients.CreateClient(PortfolioClient).GetFromJsonAsync<List<AccountDto>>("/api/portfolio/accounts", ct) ?? [])
        .Select(a => a.Id).ToList();

    public async Task<AccountBook> LocalAsync(string accountId, CancellationToken ct)
    {
        var portfolio = clients.CreateClient(PortfolioClient);
        var id = Uri.EscapeDataString(accountId);
        var account = await portfolio.GetFromJsonAsync<AccountDto>($"/api/portfolio/accounts/{id}", ct)
            ?? throw new InvalidOperationException($"The portfolio does not know account {accountId}.");
        var positions = await portfolio.GetFromJsonAsync<List<PositionDto>>($"/api/portfolio/accounts/{id}/positions", ct) ?? [];
        var orders = clients.CreateClient(OrdersClient);
        var working = new List<BookOrder>();
        foreach (var status in WorkingStatuses)
        {
            var page = await orders.GetFromJsonAsync<List<OrderDto>>($"/api/orders?accountId={id}&status={status}&limit=1000", ct) ?? [];
            working.AddRange(page.Select(o => new BookOrder(o.Id, o.Symbol)));
        }

        return new AccountBook(account.Cash, account.Equity, positions.Select(p => new BookPosition(p.Symbol, p.Quantity, p.AverageCost)).ToList(),
            working);
    }

    public async Task<AccountBook> BrokerAsync(string accountId, CancellationToken ct)
    {
        var broker = await clients.CreateClient(OrdersClient)
            .GetFromJsonAsync<BrokerAccountDto>($"/api/orders/broker/accounts/{Uri.EscapeDataString(accountId)}", ct)
            ?? throw new InvalidOperationException($"The broker view of account {accountId} was empty.");
        return new AccountBook(broker.Cash, broker.Equity, broker.Positions.Select(p => new BookPosition(p.Symbol, p.Quantity, p.AverageCost)).ToList(),
            broker.OpenOrders?.Select(o => new BookOrder(o.OrderId, o.Symbol)).ToList());
    }
}
