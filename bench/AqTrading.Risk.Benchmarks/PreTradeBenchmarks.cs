using AqTrading.Risk.Rules;
using BenchmarkDotNet.Attributes;

namespace AqTrading.Risk.Benchmarks;

/// <summary>The pure rule evaluation of one approved order (no ledger, no I/O).</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class RiskEvaluatorBenchmarks
{
    private RiskContext _context = null!;
    private OrderIntent _order = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = RiskInputs.Context();
        _order = RiskInputs.Buy("order-1");
        RiskInputs.EnsureApproved(RiskEvaluator.Evaluate(_order, _context, RiskInputs.Limits));
    }

    [Benchmark]
    public RiskDecision Evaluate() => RiskEvaluator.Evaluate(_order, _context, RiskInputs.Limits);
}

/// <summary>
/// What the risk service does per order: check against the snapshot plus reservations, and reserve. The reservation
/// is completed in the same call so the ledger keeps its size. <see cref="WorkingOrders"/> other orders of the account
/// stay reserved throughout, as under load (an order stays reserved until its fill is booked, ≥ the broker's 100 ms).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class ExposureLedgerBenchmarks
{
    private ExposureLedger _ledger = null!;
    private RiskContext _context = null!;
    private OrderIntent _order = null!;

    [Params(0, 100, 1000)]
    public int WorkingOrders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _context = RiskInputs.Context();
        _ledger = new ExposureLedger();
        // Tiny working orders (1 share at $1) so that even 1,000 of them leave the benchmark order approved.
        for (var i = 0; i < WorkingOrders; i++)
        {
            var working = new OrderIntent($"working-{i}", "paper", "s1", "SYM03", Side.Buy, 1m, 1m);
            RiskInputs.EnsureApproved(_ledger.Decide(working, _context, RiskInputs.Limits));
        }

        _order = RiskInputs.Buy("order-1");
        RiskInputs.EnsureApproved(DecideAndComplete());
    }

    [Benchmark]
    public RiskDecision DecideAndComplete()
    {
        var decision = _ledger.Decide(_order, _context, RiskInputs.Limits);
        _ledger.Completed(_order.OrderId, 0m);
        return decision;
    }
}
