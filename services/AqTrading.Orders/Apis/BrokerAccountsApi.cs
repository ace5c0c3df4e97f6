using AqTrading.Orders.Brokers;
using AqTrading.Orders.Brokers.Paper;
using AqTrading.Orders.Brokers.Views;
using AqTrading.Orders.Data;
using AqTrading.ServicePlatform.Hosting;
using AqTrading.ServicePlatform.Quotes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AqTrading.Orders;

/// <summary>
/// The broker's own view of an account (positions, cash, equity, working orders), which reconciliation compares with the
/// portfolio's books; and, when enabled for tests, a way to distort what the paper broker reports.
/// </summary>
public static class BrokerAccountsApi
{
    public const string AllowTestAdjustmentsKey = "Orders:PaperBroker:AllowTestAdjustments";

    public static WebApplication MapBrokerAccountsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/orders/broker").WithTags("Broker books");
        api.MapGet("/accounts/{accountId}", GetAccount)
            .WithSummary("The broker's positions, cash, equity (at the quote mid, or cost without a quote) and working orders of an account.");
        api.MapPost("/accounts/{accountId}/adjustments", Adjust)
            .WithSummary("Test only (Orders:PaperBroker:AllowTestAdjustments): distorts what the paper broker reports, to exercise reconciliation.");
        return app;
    }

    public sealed record BrokerPositionView(string Symbol, decimal Quantity, decimal AverageCost, decimal Multiplier, decimal Mark, decimal MarketValue);

    /// <param name="OpenOrders">Null when the broker adapter cannot list its working orders.</param>
    public sealed record BrokerAccountView(string AccountId, string Broker, decimal Cash, decimal Equity, IReadOnlyList<BrokerPositionView> Positions,
        IReadOnlyList<BrokerOpenOrder>? OpenOrders, DateTimeOffset AsOf);

    public static async Task<Ok<BrokerAccountView>> GetAccount(string accountId, IBrokerAdapter broker, OrdersDbContext db, QuoteReader quotes,
        TimeProvider time, CancellationToken ct)
    {
        broker = AccountBroker(broker, accountId);
        IReadOnlyList<BrokerPosition> positions;
        decimal cash;
        if (broker is PaperBroker paper)
        {
            (positions, cash) = await paper.ReportedBooksAsync(accountId, ct);
        }
        else
        {
            positions = await broker.GetPositionsAsync(accountId, ct);
            cash = (await broker.GetAccountAsync(accountId, ct)).Cash;
        }

        var symbols = positions.Select(p => p.Symbol.ToUpperInvariant()).ToList();
        // The broker books hold no contract terms; the multiplier is the one our orders in the symbol carried (1 for equities).
        var multipliers = await db.Orders.AsNoTracking()
            .Where(o => o.AccountId == accountId && symbols.Contains(o.Symbol))
            .GroupBy(o => o.Symbol).Select(g => new { Symbol = g.Key, Multiplier = g.Max(o => o.Multiplier) })
            .ToDictionaryAsync(m => m.Symbol, m => m.Multiplier, StringComparer.OrdinalIgnoreCase, ct);
        IReadOnlyDictionary<string, Contracts.MarketData.Quote> marks;
        try
        {
            marks = await quotes.LatestQuotesAsync(symbols);
        }
        catch (RedisException)
        {
            marks = new Dictionary<string, Contracts.MarketData.Quote>();
        }

        var views = positions.Select(p =>
        {
            var multiplier = multipliers.GetValueOrDefault(p.Symbol, 1m);
            var mark = marks.TryGetValue(p.Symbol, out var quote) ? quote.Mid : p.AverageCost;
            return new BrokerPositionView(p.Symbol, p.Quantity, p.AverageCost, multiplier, mark, p.Quantity * mark * multiplier);
        }).ToList();
        var openOrders = broker is IBrokerOpenOrders lister ? await lister.GetOpenOrdersAsync(accountId, ct) : null;
        return TypedResults.Ok(new BrokerAccountView(accountId, broker.Name, cash, cash + views.Sum(v => v.MarketValue), views, openOrders,
            time.GetUtcNow()));
    }

    private static readonly string[] Kinds = ["set_position", "remove_position", "cash", "phantom_order", "hide_order", "reset"];

    public static async Task<Results<Ok<BrokerAccountView>, ValidationProblem, ProblemHttpResult>> Adjust(string accountId,
        BrokerBookAdjustment adjustment, IBrokerAdapter broker, IConfiguration configuration, OrdersDbContext db, QuoteReader quotes,
        TimeProvider time, CancellationToken ct)
    {
        broker = AccountBroker(broker, accountId);
        if (!configuration.GetValue(AllowTestAdjustmentsKey, false) || broker is not PaperBroker paper)
        {
            return Problems.NotFound("Broker book adjustments are a test hook of the paper broker and are not enabled here.");
        }

        var errors = new Dictionary<string, string[]>();
        if (adjustment.Kind is null || !Kinds.Contains(adjustment.Kind))
        {
            errors["kind"] = [$"Kind must be one of {string.Join(", ", Kinds)}."];
        }

        if (adjustment.Kind is "set_position" or "remove_position" or "phantom_order" && string.IsNullOrWhiteSpace(adjustment.Symbol))
        {
            errors["symbol"] = ["A symbol is required for this kind."];
        }

        if (adjustment.Kind == "set_position" && adjustment.Quantity is null)
        {
            errors["quantity"] = ["A quantity is required for set_position."];
        }

        if (adjustment.Kind == "cash" && adjustment.Amount is null)
        {
            errors["amount"] = ["An amount is required for cash."];
        }

        if (adjustment.Kind == "hide_order" && adjustment.OrderId is null)
        {
            errors["orderId"] = ["An order id is required for hide_order."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        paper.Adjust(accountId, adjustment with { Symbol = adjustment.Symbol?.Trim().ToUpperInvariant() });
        return await GetAccount(accountId, broker, db, quotes, time, ct);
    }

    /// <summary>The broker that keeps this account's books (the service's adapter routes accounts to brokers).</summary>
    private static IBrokerAdapter AccountBroker(IBrokerAdapter broker, string accountId) =>
        broker is Brokers.Alpaca.BrokerRouter router ? router.For(accountId) : broker;
}
