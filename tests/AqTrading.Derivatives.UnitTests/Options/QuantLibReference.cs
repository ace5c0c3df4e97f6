using AqTrading.Derivatives.Pricing.Options;
using QL = QLNet;

namespace AqTrading.Derivatives.UnitTests.Options;

/// <summary>
/// QLNet (the C# port of QuantLib) as an independent reference engine. Time to expiry is whole days on ACT/365, so the
/// same T goes to both sides. QLNet's evaluation date is process-wide state, hence the lock.
/// </summary>
internal static class QuantLibReference
{
    private static readonly Lock Gate = new();
    private static readonly QL.Date Today = new(1, QL.Month.June, 2026);

    public sealed record Result(double Price, double Delta, double Gamma, double? Vega, double Theta, double? Rho);

    /// <summary>Years for a whole number of days on ACT/365.</summary>
    public static double Years(int days) => days / 365.0;

    public static Result European(OptionRight right, double spot, double strike, int days, double rate, double dividendYield, double volatility)
    {
        lock (Gate)
        {
            var option = Option(right, spot, strike, days, rate, dividendYield, volatility, american: false, out var process);
            option.setPricingEngine(new QL.AnalyticEuropeanEngine(process));
            return new Result(option.NPV(), option.delta(), option.gamma(), option.vega(), option.theta(), option.rho());
        }
    }

    /// <summary>QLNet's own Leisen-Reimer tree (price, and delta, gamma, theta from its nodes).</summary>
    public static Result AmericanTree(OptionRight right, double spot, double strike, int days, double rate, double dividendYield, double volatility, int steps)
    {
        lock (Gate)
        {
            var option = Option(right, spot, strike, days, rate, dividendYield, volatility, american: true, out var process);
            option.setPricingEngine(new QL.BinomialVanillaEngine<QL.LeisenReimer>(process, steps));
            return new Result(option.NPV(), option.delta(), option.gamma(), null, option.theta(), null);
        }
    }

    /// <summary>QLNet's finite-difference engine (Crank-Nicolson family) on a fine grid: a second, non-tree reference.</summary>
    public static Result AmericanFiniteDifference(OptionRight right, double spot, double strike, int days, double rate, double dividendYield, double volatility)
    {
        lock (Gate)
        {
            var option = Option(right, spot, strike, days, rate, dividendYield, volatility, american: true, out var process);
            option.setPricingEngine(new QL.FdBlackScholesVanillaEngine(process, 800, 800));
            return new Result(option.NPV(), option.delta(), option.gamma(), null, option.theta(), null);
        }
    }

    /// <summary>An American price from QLNet's tree (for bump-and-reprice vega and rho).</summary>
    public static double AmericanPrice(OptionRight right, double spot, double strike, int days, double rate, double dividendYield, double volatility, int steps) =>
        AmericanTree(right, spot, strike, days, rate, dividendYield, volatility, steps).Price;

    public static double CumulativeNormal(double x)
    {
        lock (Gate)
        {
            return new QL.CumulativeNormalDistribution().value(x);
        }
    }

    private static QL.VanillaOption Option(OptionRight right, double spot, double strike, int days, double rate, double dividendYield,
        double volatility, bool american, out QL.BlackScholesMertonProcess process)
    {
        QL.Settings.setEvaluationDate(Today);
        var dayCounter = new QL.Actual365Fixed();
        process = new QL.BlackScholesMertonProcess(
            new QL.Handle<QL.Quote>(new QL.SimpleQuote(spot)),
            new QL.Handle<QL.YieldTermStructure>(new QL.FlatForward(Today, dividendYield, dayCounter)),
            new QL.Handle<QL.YieldTermStructure>(new QL.FlatForward(Today, rate, dayCounter)),
            new QL.Handle<QL.BlackVolTermStructure>(new QL.BlackConstantVol(Today, new QL.NullCalendar(), volatility, dayCounter)));
        var payoff = new QL.PlainVanillaPayoff(right == OptionRight.Call ? QL.Option.Type.Call : QL.Option.Type.Put, strike);
        var expiry = Today + days;
        QL.Exercise exercise = american ? new QL.AmericanExercise(Today, expiry) : new QL.EuropeanExercise(expiry);
        return new QL.VanillaOption(payoff, exercise);
    }
}
