using AqTrading.Derivatives.Pricing.Options;
using AqTrading.MarketData.Core.Instruments;

namespace AqTrading.Risk.Rules.Greeks;

/// <summary>
/// The order's own dollar Greeks, from the real contract: an OCC option is valued as the call or put it is, at its
/// strike and expiry, on the cached underlying price and volatility (the reference's gate had no impact calculator
/// at all, and its legs were hard-coded to calls — §22). Stock and futures are delta 1 at the order's price.
/// </summary>
public static class OrderGreeks
{
    /// <summary>The option's underlying, or null when the symbol is not an OCC option.</summary>
    public static string? UnderlyingOf(string symbol) =>
        OptionSymbol.TryParse(symbol, out var option, out _) ? option!.Underlying : null;

    /// <param name="signedQuantity">Positive for a buy.</param>
    /// <param name="multiplier">The order's contract multiplier (100 for US equity options).</param>
    /// <param name="orderPrice">The order's price: the premium for an option, the price for stock and futures.</param>
    /// <param name="underlyingPrice">For an option: the underlying's cached price; without it the impact is unknown (null).</param>
    /// <param name="volatility">For an option: its cached implied volatility, else the settings' default.</param>
    public static DollarGreeks? Impact(string symbol, double signedQuantity, double multiplier, double orderPrice, double? underlyingPrice,
        double? volatility, GreeksSettings settings, DateTimeOffset now)
    {
        if (!OptionSymbol.TryParse(symbol, out var option, out _))
        {
            return orderPrice > 0 ? PortfolioGreeks.Linear(signedQuantity * multiplier, orderPrice) : null;
        }

        if (underlyingPrice is not > 0)
        {
            return null;
        }

        var inputs = PortfolioGreeks.Inputs(option!.Right == OptionSymbol.Call ? OptionRight.Call : OptionRight.Put, underlyingPrice.Value,
            (double)option.Strike, PortfolioGreeks.YearsToExpiry(option.Expiry, now), volatility ?? settings.DefaultVolatility, settings);
        var greeks = OptionPricer.Greeks(PricingModel.BlackScholesMerton, inputs);
        return greeks.IsFinite ? PortfolioGreeks.Dollar(greeks, signedQuantity * multiplier, underlyingPrice.Value) : null;
    }
}

public enum GreeksGateOutcome
{
    Approved = 0,

    /// <summary>Greeks data unavailable or stale and the gate fails open: the order proceeds, flagged.</summary>
    ApprovedWithWarning = 1,

    Rejected = 2,
}

/// <param name="MaxStaleness">Greeks older than this (the oldest quote they used) are stale (reference: 60 s).</param>
/// <param name="FailClosed">Reject when Greeks are unavailable or stale; the default (false) lets the order proceed with a warning.</param>
public sealed record GreeksGateSettings(TimeSpan MaxStaleness, bool FailClosed)
{
    public static GreeksGateSettings Default { get; } = new(TimeSpan.FromSeconds(60), FailClosed: false);
}

/// <summary>The gate's verdict with everything it compared (reference GreeksCheckDetails).</summary>
public sealed record GreeksGateResult(
    GreeksGateOutcome Outcome,
    string? ReasonCode,
    string? Message,
    IReadOnlyList<string> BreachDimensions,
    DollarGreeks? Current,
    DollarGreeks? Impact,
    DollarGreeks? Projected,
    double? StalenessSeconds)
{
    public bool Approved => Outcome != GreeksGateOutcome.Rejected;
}

/// <summary>
/// The Greeks step of the pre-trade check (reference §3.3): projected = current + the order's impact in each of dollar
/// delta, gamma dollar, vega per 1 % and theta per day; a breach is |projected| above that dimension's hard limit, and
/// every breached dimension is named (one the order moves towards zero does not count). Unavailable or stale Greeks (or an order whose impact cannot be valued) let the
/// order proceed with a warning, or reject it in fail-closed mode.
/// </summary>
public static class GreeksGate
{
    public const string Name = "greeks";
    public const string LimitReason = "greeks_limit";
    public const string UnavailableReason = "greeks_data_unavailable";
    public const string StaleReason = "greeks_data_stale";

    /// <param name="current">The account's current Greeks, or null when none have been computed.</param>
    /// <param name="impact">The order's own Greeks, or null when they cannot be valued.</param>
    public static GreeksGateResult Evaluate(GreeksAggregate? current, DollarGreeks? impact, GreeksLimits limits, GreeksGateSettings settings,
        DateTimeOffset now)
    {
        if (current is null)
        {
            return NoData(UnavailableReason, "No Greeks are available for the account", settings, null, impact, null);
        }

        var staleness = current.StalenessSeconds(now);
        if (staleness > settings.MaxStaleness.TotalSeconds)
        {
            return NoData(StaleReason, $"The account's Greeks are {staleness:F0} s old (more than {settings.MaxStaleness.TotalSeconds:F0} s)",
                settings, current.Greeks, impact, staleness);
        }

        if (impact is not { } orderImpact)
        {
            return NoData(UnavailableReason, "The order's Greeks cannot be valued (no price for its underlying)", settings, current.Greeks,
                null, staleness);
        }

        var projected = current.Greeks + orderImpact;
        List<string>? breaches = null;
        List<string>? details = null;
        foreach (var dimension in DollarGreeks.Dimensions)
        {
            var value = projected[dimension];
            var hard = limits[dimension].Hard;
            // An order that brings an already-breached dimension closer to zero is not blocked by it: the limit is
            // there to stop adding risk, never to stop reducing it.
            if (Math.Abs(value) > hard && Math.Abs(value) > Math.Abs(current.Greeks[dimension]))
            {
                var name = DollarGreeks.Name(dimension);
                (breaches ??= []).Add(name);
                (details ??= []).Add($"{name} {value:N0} (limit ±{hard:N0})");
            }
        }

        return breaches is null
            ? new GreeksGateResult(GreeksGateOutcome.Approved, null, null, [], current.Greeks, orderImpact, projected, staleness)
            : new GreeksGateResult(GreeksGateOutcome.Rejected, LimitReason,
                $"The order would breach the hard Greeks limits: {string.Join("; ", details!)}.", breaches, current.Greeks, orderImpact,
                projected, staleness);
    }

    private static GreeksGateResult NoData(string code, string why, GreeksGateSettings settings, DollarGreeks? current, DollarGreeks? impact,
        double? staleness) =>
        settings.FailClosed
            ? new GreeksGateResult(GreeksGateOutcome.Rejected, code, $"{why}; the Greeks limits cannot be checked (fail-closed).", [], current,
                impact, null, staleness)
            : new GreeksGateResult(GreeksGateOutcome.ApprovedWithWarning, code, $"{why}; the Greeks limits were not checked.", [], current,
                impact, null, staleness);
}

/// <summary>Adapts a decided gate result to the evaluator's pluggable check, so the Greeks step runs last, in order.</summary>
public sealed class DecidedGreeksCheck(GreeksGateResult result) : IRiskCheck
{
    public string Name => GreeksGate.Name;

    public GreeksGateResult Result => result;

    public (string ReasonCode, string Message)? Evaluate(OrderIntent intent, RiskContext context) =>
        result.Approved ? null : (result.ReasonCode!, result.Message!);
}
