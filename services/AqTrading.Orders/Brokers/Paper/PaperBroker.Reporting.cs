using System.Collections.Concurrent;
using AqTrading.Orders.Brokers.Views;
using AqTrading.Orders.Domain;

namespace AqTrading.Orders.Brokers.Paper;

/// <summary>
/// What the paper broker reports to reconciliation: its working orders, and the test-only overlay of
/// <see cref="BrokerBookAdjustment"/>s applied on top of its books when they are reported (the books it trades on stay true).
/// </summary>
public sealed partial class PaperBroker : IBrokerOpenOrders
{
    private readonly ConcurrentDictionary<string, Overlay> _overlays = new();

    private sealed class Overlay
    {
        public Dictionary<string, (decimal Quantity, decimal AverageCost)?> Positions { get; } = new(StringComparer.OrdinalIgnoreCase);

        public decimal CashOffset { get; set; }

        public List<BrokerOpenOrder> PhantomOrders { get; } = [];

        public HashSet<Guid> HiddenOrders { get; } = [];
    }

    public Task<IReadOnlyList<BrokerOpenOrder>> GetOpenOrdersAsync(string accountId, CancellationToken cancellationToken)
    {
        var overlay = _overlays.GetValueOrDefault(accountId);
        var working = _working.Values
            .Where(w => w.Order.AccountId == accountId)
            .Select(w => new BrokerOpenOrder(w.Order.OrderId, w.BrokerOrderId, w.Order.Symbol,
                w.Order.Side == OrderSide.Buy ? "buy" : "sell", w.Order.Quantity, w.Remaining))
            .ToList();
        if (overlay is not null)
        {
            lock (overlay)
            {
                working.RemoveAll(o => overlay.HiddenOrders.Contains(o.OrderId));
                working.AddRange(overlay.PhantomOrders);
            }
        }

        return Task.FromResult<IReadOnlyList<BrokerOpenOrder>>(working);
    }

    /// <summary>The positions and cash as reported: the true books with the account's test overlay applied.</summary>
    public async Task<(IReadOnlyList<BrokerPosition> Positions, decimal Cash)> ReportedBooksAsync(string accountId, CancellationToken ct)
    {
        var positions = (await GetPositionsAsync(accountId, ct)).ToDictionary(p => p.Symbol, StringComparer.OrdinalIgnoreCase);
        var cash = (await GetAccountAsync(accountId, ct)).Cash;
        if (_overlays.GetValueOrDefault(accountId) is { } overlay)
        {
            lock (overlay)
            {
                foreach (var (symbol, replacement) in overlay.Positions)
                {
                    if (replacement is { } p)
                    {
                        positions[symbol] = new BrokerPosition(symbol.ToUpperInvariant(), p.Quantity, p.AverageCost);
                    }
                    else
                    {
                        positions.Remove(symbol);
                    }
                }

                cash += overlay.CashOffset;
            }
        }

        return (positions.Values.Where(p => p.Quantity != 0).OrderBy(p => p.Symbol, StringComparer.Ordinal).ToList(), cash);
    }

    /// <summary>Applies a validated test adjustment to what the broker reports for the account.</summary>
    public void Adjust(string accountId, BrokerBookAdjustment adjustment)
    {
        if (adjustment.Kind == "reset")
        {
            _overlays.TryRemove(accountId, out _);
            return;
        }

        var overlay = _overlays.GetOrAdd(accountId, _ => new Overlay());
        lock (overlay)
        {
            switch (adjustment.Kind)
            {
                case "set_position":
                    overlay.Positions[adjustment.Symbol!] = (adjustment.Quantity!.Value, adjustment.AverageCost ?? 0m);
                    break;
                case "remove_position":
                    overlay.Positions[adjustment.Symbol!] = null;
                    break;
                case "cash":
                    overlay.CashOffset += adjustment.Amount!.Value;
                    break;
                case "phantom_order":
                    var id = adjustment.OrderId ?? Guid.NewGuid();
                    overlay.PhantomOrders.Add(new BrokerOpenOrder(id, $"PHANTOM-{id:N}"[..16], adjustment.Symbol!.ToUpperInvariant(), "buy",
                        adjustment.Quantity ?? 1m, adjustment.Quantity ?? 1m));
                    break;
                case "hide_order":
                    overlay.HiddenOrders.Add(adjustment.OrderId!.Value);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(adjustment), adjustment.Kind, "Unknown adjustment kind.");
            }
        }
    }
}
