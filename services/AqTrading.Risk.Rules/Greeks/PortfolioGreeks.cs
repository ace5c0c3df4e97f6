using AqTrading.Derivatives.Pricing.Expiration;
using AqTrading.Derivatives.Pricing.Options;
using AqTrading.MarketData.Core.Instruments;

namespace AqTrading.Risk.Rules.Greeks;

/// <summary>A position to price: the symbol as booked (OCC option, futures contract or stock) and its signed quantity.</summary>
public sealed record GreeksPosition(string Symbol, string? StrategyId, double Quantity);

/// <summary>A usable price of a symbol and when it was observed (the quote's event time, for staleness).</summary>
public readonly record struct MarketPrice(double Price, DateTimeOffset Time);

/// <summary>
/// How positions are valued. Volatility is the fallback when an option has no quote to imply it from (the reference's
/// 0.30); the rate is the reference's 0.05. Equity options are valued with Black-Scholes-Merton — European, which
/// understates an American put's early-exercise value but keeps a whole book's refresh in microseconds; the gate only
/// needs sensitivities, where the difference is small away from deep-in-the-money puts.
/// </summary>
public sealed record GreeksSettings(double DefaultVolatility = 0.30, double RiskFreeRate = 0.05, double DividendYield = 0.0,
    double OptionMultiplier = 100)
{
    /// <summary>The shortest time to expiry used (the reference's 0.001 year, ~9 hours): Greeks at T = 0 are degenerate.</summary>
    public const double MinimumYears = 0.001;

    /// <summary>US equity options stop trading at 16:00 New York on the expiry date.</summary>
    public static readonly TimeOnly ExpiryTime = new(16, 0);
}

/// <summary>One position's dollar Greeks, or why it could not be priced (<see cref="Valid"/> false, Greeks zero).</summary>
public sealed record PositionGreeks(
    string Symbol,
    string? StrategyId,
    string Underlying,
    string Kind,
    double Quantity,
    double Multiplier,
    bool Valid,
    DollarGreeks Greeks,
    double Notional,
    double? UnderlyingPrice,
    double? Volatility,
    string? VolatilitySource,
    DateTimeOffset? AsOf,
    string? Warning);

/// <summary>
/// Dollar Greeks summed over a scope (account, strategy or underlying), with coverage — positions priced against all —
/// and the conservative as-of time: the oldest quote any priced position used (reference §9.2).
/// </summary>
public sealed record GreeksAggregate(DollarGreeks Greeks, int ValidLegs, int TotalLegs, double ValidNotional, double TotalNotional,
    DateTimeOffset AsOf)
{
    /// <summary>Below this coverage the book is not fully described by its Greeks (reference: 95 %).</summary>
    public const double SufficientCoveragePct = 95.0;

    /// <summary>Priced positions as a share of all positions, in percent; 100 with no positions.</summary>
    public double CoveragePct => TotalLegs == 0 ? 100.0 : 100.0 * ValidLegs / TotalLegs;

    public bool IsCoverageSufficient => CoveragePct >= SufficientCoveragePct;

    public double StalenessSeconds(DateTimeOffset now) => Math.Max(0, (now - AsOf).TotalSeconds);

    public static GreeksAggregate Of(IEnumerable<PositionGreeks> legs, DateTimeOffset now)
    {
        var sum = DollarGreeks.Zero;
        int valid = 0, total = 0;
        double validNotional = 0, totalNotional = 0;
        DateTimeOffset? asOf = null;
        foreach (var leg in legs)
        {
            total++;
            totalNotional += leg.Notional;
            if (!leg.Valid)
            {
                continue;
            }

            valid++;
            validNotional += leg.Notional;
            sum += leg.Greeks;
            if (leg.AsOf is { } time && (asOf is null || time < asOf))
            {
                asOf = time;
            }
        }

        return new GreeksAggregate(sum, valid, total, validNotional, totalNotional, asOf ?? now);
    }
}

/// <summary>An account's Greeks: the whole account, each strategy (unassigned as <c>_unassigned_</c>) and each underlying.</summary>
public sealed record AccountGreeks(
    string AccountId,
    GreeksAggregate Account,
    IReadOnlyDictionary<string, GreeksAggregate> Strategies,
    IReadOnlyDictionary<string, GreeksAggregate> Underlyings,
    IReadOnlyList<PositionGreeks> Positions,
    DateTimeOffset ComputedAt)
{
    public const string Unassigned = "_unassigned_";
}

/// <summary>Prices positions into dollar Greeks: options with Black-Scholes-Merton, stock and futures with delta 1.</summary>
public static class PortfolioGreeks
{
    /// <summary>The symbols whose quotes pricing the positions needs: each position's own and each option's underlying.</summary>
    public static IReadOnlyCollection<string> SymbolsNeeded(IEnumerable<GreeksPosition> positions)
    {
        var symbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var position in positions)
        {
            symbols.Add(position.Symbol.ToUpperInvariant());
            if (OptionSymbol.TryParse(position.Symbol, out var option, out _))
            {
                symbols.Add(option!.Underlying);
            }
        }

        return symbols;
    }

    public static AccountGreeks Compute(string accountId, IReadOnlyList<GreeksPosition> positions,
        IReadOnlyDictionary<string, MarketPrice> prices, GreeksSettings settings, DateTimeOffset now)
    {
        var legs = new List<PositionGreeks>(positions.Count);
        foreach (var position in positions)
        {
            if (position.Quantity != 0)
            {
                legs.Add(Price(position, prices, settings, now));
            }
        }

        return new AccountGreeks(accountId, GreeksAggregate.Of(legs, now),
            Group(legs, l => l.StrategyId ?? AccountGreeks.Unassigned, now),
            Group(legs, l => l.Underlying, now),
            legs, now);
    }

    private static Dictionary<string, GreeksAggregate> Group(List<PositionGreeks> legs, Func<PositionGreeks, string> key, DateTimeOffset now) =>
        legs.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => GreeksAggregate.Of(g, now), StringComparer.Ordinal);

    /// <summary>Prices one position; a missing or unusable quote gives an invalid leg that says why.</summary>
    public static PositionGreeks Price(GreeksPosition position, IReadOnlyDictionary<string, MarketPrice> prices, GreeksSettings settings,
        DateTimeOffset now)
    {
        var symbol = position.Symbol.ToUpperInvariant();
        var q = position.Quantity;
        if (OptionSymbol.TryParse(symbol, out var option, out _))
        {
            var m = settings.OptionMultiplier;
            if (!prices.TryGetValue(option!.Underlying, out var underlying) || !(underlying.Price > 0))
            {
                return Invalid(position, option.Underlying, "option", m, $"No price for the underlying {option.Underlying}.");
            }

            var inputs = Inputs(option.Right == OptionSymbol.Call ? OptionRight.Call : OptionRight.Put, underlying.Price,
                (double)option.Strike, YearsToExpiry(option.Expiry, now), settings.DefaultVolatility, settings);
            var asOf = underlying.Time;
            var (volatility, source) = (settings.DefaultVolatility, "default");
            if (prices.TryGetValue(symbol, out var quoted) && quoted.Price > 0)
            {
                var implied = ImpliedVolatility.Solve(PricingModel.BlackScholesMerton, inputs, quoted.Price);
                if (implied.IsSolved)
                {
                    (volatility, source) = (implied.Volatility, "implied");
                    asOf = quoted.Time < asOf ? quoted.Time : asOf;
                }
            }

            var greeks = OptionPricer.Greeks(PricingModel.BlackScholesMerton, inputs.WithVolatility(volatility));
            if (!greeks.IsFinite)
            {
                return Invalid(position, option.Underlying, "option", m, "The option could not be valued.");
            }

            return new PositionGreeks(position.Symbol, position.StrategyId, option.Underlying, "option", q, m, true,
                Dollar(greeks, q * m, underlying.Price), Math.Abs(q) * m * underlying.Price, underlying.Price, volatility, source, asOf, null);
        }

        var (kind, root, multiplier) = FutureSymbol.TryParse(symbol, DateOnly.FromDateTime(now.UtcDateTime), out var future)
                                       && FutureSpecs.For(future!.Root) is { } spec
            ? ("future", future.Root, (double)spec.Multiplier)
            : ("stock", symbol, 1.0);
        if (!prices.TryGetValue(symbol, out var own) || !(own.Price > 0))
        {
            return Invalid(position, root, kind, multiplier, $"No price for {symbol}.");
        }

        return new PositionGreeks(position.Symbol, position.StrategyId, root, kind, q, multiplier, true, Linear(q * multiplier, own.Price),
            Math.Abs(q) * multiplier * own.Price, own.Price, null, null, own.Time, null);
    }

    /// <summary>Dollar Greeks of q·m units of an option priced at <paramref name="spot"/> (reference §9.1).</summary>
    public static DollarGreeks Dollar(in OptionGreeks greeks, double units, double spot) =>
        new(greeks.Delta * units * spot, greeks.Gamma * units * spot * spot, greeks.Vega * units, greeks.ThetaPerDay * units);

    /// <summary>Stock or futures: delta 1, no gamma, vega or theta.</summary>
    public static DollarGreeks Linear(double units, double price) => new(units * price, 0, 0, 0);

    /// <summary>ACT/365 years from now to 16:00 New York on the expiry date, at least <see cref="GreeksSettings.MinimumYears"/>.</summary>
    public static double YearsToExpiry(DateOnly expiry, DateTimeOffset now) =>
        Math.Max(GreeksSettings.MinimumYears, (ExpiryWindow.NewYorkInstant(expiry, GreeksSettings.ExpiryTime) - now).TotalDays / 365.0);

    public static OptionInputs Inputs(OptionRight right, double spot, double strike, double years, double volatility, GreeksSettings settings) =>
        new(right, spot, strike, years, settings.RiskFreeRate, settings.DividendYield, volatility);

    private static PositionGreeks Invalid(GreeksPosition position, string underlying, string kind, double multiplier, string warning) =>
        new(position.Symbol, position.StrategyId, underlying, kind, position.Quantity, multiplier, false, DollarGreeks.Zero, 0, null, null, null,
            null, warning);
}
