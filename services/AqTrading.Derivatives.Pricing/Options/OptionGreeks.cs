namespace AqTrading.Derivatives.Pricing.Options;

/// <summary>
/// The value of one option (per unit of underlying: multiply by quantity × multiplier for a position) and its
/// sensitivities, in the units traders quote:
/// <list type="bullet">
/// <item><see cref="Delta"/>: ∂V/∂S (for Black-76, ∂V/∂F).</item>
/// <item><see cref="Gamma"/>: ∂²V/∂S².</item>
/// <item><see cref="Vega"/>: change of value for +0.01 (one percentage point) of volatility.</item>
/// <item><see cref="Theta"/>: ∂V/∂t per year of calendar time passing (negative for a long option that decays).</item>
/// <item><see cref="ThetaPerDay"/>: <see cref="Theta"/> / 365, per calendar day.</item>
/// <item><see cref="Rho"/>: change of value for +0.01 (one percentage point) of the interest rate.</item>
/// </list>
/// </summary>
public readonly record struct OptionGreeks(
    double Price,
    double Delta,
    double Gamma,
    double Vega,
    double Theta,
    double ThetaPerDay,
    double Rho)
{
    /// <summary>Calendar days per year used for <see cref="ThetaPerDay"/>.</summary>
    public const double DaysPerYear = 365.0;

    /// <summary>Every field NaN: the result for inputs that cannot be valued in the batch API.</summary>
    public static OptionGreeks NaN => new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>True when every field is a finite number.</summary>
    public bool IsFinite =>
        double.IsFinite(Price) && double.IsFinite(Delta) && double.IsFinite(Gamma) && double.IsFinite(Vega)
        && double.IsFinite(Theta) && double.IsFinite(ThetaPerDay) && double.IsFinite(Rho);
}
