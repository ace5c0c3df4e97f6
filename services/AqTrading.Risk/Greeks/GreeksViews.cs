using AqTrading.Risk.Rules.Greeks;

namespace AqTrading.Risk.Greeks;

/// <summary>Dollar Greeks as the API shows them.</summary>
public sealed record DollarGreeksView(double DollarDelta, double GammaDollar, double VegaPer1Pct, double ThetaPerDay, double GammaPnl1Pct)
{
    public static DollarGreeksView From(DollarGreeks g) => new(g.DollarDelta, g.GammaDollar, g.VegaPer1Pct, g.ThetaPerDay, g.GammaPnl1Pct);
}

/// <summary>One scope's aggregate, with coverage and staleness at the time of the answer.</summary>
public sealed record GreeksAggregateView(
    DollarGreeksView Greeks,
    double CoveragePct,
    bool IsCoverageSufficient,
    int ValidLegs,
    int TotalLegs,
    double ValidNotional,
    double TotalNotional,
    DateTimeOffset AsOf,
    double StalenessSeconds,
    bool IsStale)
{
    public static GreeksAggregateView From(GreeksAggregate a, DateTimeOffset now, double maxStalenessSeconds) =>
        new(DollarGreeksView.From(a.Greeks), a.CoveragePct, a.IsCoverageSufficient, a.ValidLegs, a.TotalLegs, a.ValidNotional, a.TotalNotional,
            a.AsOf, a.StalenessSeconds(now), a.StalenessSeconds(now) > maxStalenessSeconds);
}

public sealed record PositionGreeksView(
    string Symbol,
    string? StrategyId,
    string Underlying,
    string Kind,
    double Quantity,
    double Multiplier,
    bool Valid,
    DollarGreeksView Greeks,
    double? UnderlyingPrice,
    double? Volatility,
    string? VolatilitySource,
    DateTimeOffset? AsOf,
    string? Warning)
{
    public static PositionGreeksView From(PositionGreeks p) => new(p.Symbol, p.StrategyId, p.Underlying, p.Kind, p.Quantity, p.Multiplier,
        p.Valid, DollarGreeksView.From(p.Greeks), p.UnderlyingPrice, p.Volatility, p.VolatilitySource, p.AsOf, p.Warning);
}

/// <summary>An account's Greeks: whole account, per strategy, per underlying, per position; also the <c>greeks:updates</c> message.</summary>
public sealed record AccountGreeksView(
    string AccountId,
    DateTimeOffset ComputedAt,
    GreeksAggregateView Account,
    IReadOnlyDictionary<string, GreeksAggregateView> Strategies,
    IReadOnlyDictionary<string, GreeksAggregateView> Underlyings,
    IReadOnlyList<PositionGreeksView> Positions)
{
    public static AccountGreeksView From(AccountGreeks g, DateTimeOffset now, double maxStalenessSeconds) => new(g.AccountId, g.ComputedAt,
        GreeksAggregateView.From(g.Account, now, maxStalenessSeconds),
        g.Strategies.ToDictionary(kv => kv.Key, kv => GreeksAggregateView.From(kv.Value, now, maxStalenessSeconds)),
        g.Underlyings.ToDictionary(kv => kv.Key, kv => GreeksAggregateView.From(kv.Value, now, maxStalenessSeconds)),
        g.Positions.Select(PositionGreeksView.From).ToList());
}
