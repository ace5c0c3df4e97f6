using System.Globalization;
using AqTrading.Contracts.MarketData;
using AqTrading.Strategies.Engine.Catalog;
using AqTrading.Strategies.Engine.Indicators;

namespace AqTrading.Strategies.Engine.BuiltIn;

public sealed record TrendBreakoutParameters
{
    public int Lookback { get; init; } = 20;
    public double EntryThreshold { get; init; }
    public double ExitThreshold { get; init; } = -0.02;
    /// <summary><c>equal_weight</c> (buy <see cref="PositionSize"/>) or <c>fixed_risk</c> (size by volatility).</summary>
    public string PositionSizing { get; init; } = "equal_weight";
    public decimal PositionSize { get; init; } = 100m;
    public decimal RiskPerTrade { get; init; } = 0.02m;
    public double RocWeight { get; init; } = 0.5;
    public double PriceVsMaWeight { get; init; } = 0.5;
    public double PriceVsHighWeight { get; init; } = 0.5;
    public double VolumeZScoreWeight { get; init; } = 0.5;
    public double MomentumWeight { get; init; } = 0.5;
    public double BreakoutWeight { get; init; } = 0.5;
    public bool Normalize { get; init; } = true;
    public int NormalizeWindow { get; init; } = 60;
    public int NormalizeMinPeriods { get; init; } = 20;

    public static TrendBreakoutParameters Read(StrategyParameters p)
    {
        var result = new TrendBreakoutParameters
        {
            Lookback = p.Int("lookback", 20, 2, 10_000),
            EntryThreshold = (double)p.Decimal("entryThreshold", 0m),
            ExitThreshold = (double)p.Decimal("exitThreshold", -0.02m),
            PositionSizing = p.Choice("positionSizing", "equal_weight", "equal_weight", "fixed_risk"),
            PositionSize = p.Decimal("positionSize", 100m, min: 0m, exclusiveMin: true),
            RiskPerTrade = p.Decimal("riskPerTrade", 0.02m, min: 0m, max: 1m, exclusiveMin: true),
            RocWeight = (double)p.Decimal("rocWeight", 0.5m),
            PriceVsMaWeight = (double)p.Decimal("priceVsMaWeight", 0.5m),
            PriceVsHighWeight = (double)p.Decimal("priceVsHighWeight", 0.5m),
            VolumeZScoreWeight = (double)p.Decimal("volumeZScoreWeight", 0.5m),
            MomentumWeight = (double)p.Decimal("momentumWeight", 0.5m),
            BreakoutWeight = (double)p.Decimal("breakoutWeight", 0.5m),
            Normalize = p.Bool("normalize", true),
            NormalizeWindow = p.Int("normalizeWindow", 60, 2, 10_000),
            NormalizeMinPeriods = p.Int("normalizeMinPeriods", 20, 2, 10_000),
        };
        if (result.NormalizeMinPeriods > result.NormalizeWindow)
        {
            p.Error("normalizeMinPeriods", "'normalizeMinPeriods' cannot exceed 'normalizeWindow'.");
        }

        if (result.ExitThreshold > result.EntryThreshold)
        {
            p.Error("exitThreshold", "'exitThreshold' must not be above 'entryThreshold'.");
        }

        return result;
    }
}

/// <summary>
/// TrendBreakout (reference §7, spec 002). Per symbol, over the last <c>lookback + 1</c> bars:
/// momentum factor = w_roc·ROC + w_ma·PriceVsMA; breakout factor = w_high·PriceVsHigh + w_vol·VolumeZScore;
/// composite = w_mom·momentum + w_brk·breakout, where — with normalisation on — each factor is replaced by its rolling
/// z-score (window 60, min periods 20, population std, 0 when the std is 0) once both factors have enough history
/// (raw scores before). Enters (flat, composite &gt; entry) and exits (long, composite &lt; exit, the whole position).
/// Departures from the reference, deliberately: the breakout high is the bar's real high (the reference had only a
/// price), and the normaliser keeps its statistics per symbol (the reference mixed every symbol's scores in one window).
/// </summary>
public sealed class TrendBreakoutStrategy(string id, IReadOnlyList<string> symbols, TrendBreakoutParameters parameters) : Strategy(id, symbols)
{
    private readonly Dictionary<string, SymbolState> _state = new(StringComparer.OrdinalIgnoreCase);

    public TrendBreakoutParameters Parameters { get; } = parameters;

    /// <summary>
    /// The indicators need <c>lookback + 1</c> bars including the current one, so the first <c>lookback</c> bars cannot
    /// trade (the reference's 20). With normalisation the composite reaches its normalised scale only when each factor
    /// has <c>normalizeMinPeriods</c> observations, the first of which is made on bar <c>lookback + 1</c>: the first bar
    /// whose signal means what the strategy intends is <c>lookback + normalizeMinPeriods</c> (40 by default), so the
    /// warm-up is 39 bars. (The reference declared 20 while its own signals change scale 19 bars later.)
    /// </summary>
    public override int WarmupBars => Parameters.Normalize ? Parameters.Lookback + Parameters.NormalizeMinPeriods - 1 : Parameters.Lookback;

    public override void OnStart(IStrategyContext context) => _state.Clear();

    public override IReadOnlyList<Signal> OnBar(Bar bar, IStrategyContext context)
    {
        if (!_state.TryGetValue(bar.Symbol, out var state))
        {
            _state[bar.Symbol] = state = new SymbolState(Parameters);
        }

        state.Add(bar, Parameters.Lookback + 1);
        if (Score(state) is not { } scores)
        {
            return [];
        }

        var (momentum, breakout, composite) = scores;
        var factors = new Dictionary<string, double>
        {
            ["momentum_factor"] = momentum,
            ["breakout_factor"] = breakout,
            ["composite"] = composite,
        };
        var held = context.GetPosition(bar.Symbol)?.Quantity ?? 0m;
        if (held <= 0m && composite > Parameters.EntryThreshold)
        {
            return [Buy(context, bar.Symbol, Size(state), $"Entry: composite {F(composite)} > threshold {F(Parameters.EntryThreshold)}", factors)];
        }

        if (held > 0m && composite < Parameters.ExitThreshold)
        {
            return [Sell(context, bar.Symbol, held, $"Exit: composite {F(composite)} < threshold {F(Parameters.ExitThreshold)}", factors)];
        }

        return [];
    }

    /// <summary>The factor scores of the symbol's current bar, or null while an indicator is undefined.</summary>
    public (double Momentum, double Breakout, double Composite)? Score(string symbol) =>
        _state.TryGetValue(symbol, out var state) ? state.LastScores : null;

    private (double, double, double)? Score(SymbolState state)
    {
        state.LastScores = null;
        var lookback = Parameters.Lookback;
        if (state.Closes.Count < lookback + 1
            || TrendIndicators.RateOfChange(state.Closes, lookback) is not { } roc
            || TrendIndicators.PriceVsMovingAverage(state.Closes, lookback) is not { } priceVsMa
            || TrendIndicators.PriceVsHigh(state.Closes, state.Highs, lookback) is not { } priceVsHigh
            || TrendIndicators.VolumeZScore(state.Volumes, lookback) is not { } volumeZ)
        {
            return null;
        }

        var momentum = Parameters.RocWeight * roc + Parameters.PriceVsMaWeight * priceVsMa;
        var breakout = Parameters.PriceVsHighWeight * priceVsHigh + Parameters.VolumeZScoreWeight * volumeZ;
        // As in the reference: the current raw scores join the statistics before they are normalised.
        state.MomentumZ.Add(momentum);
        state.BreakoutZ.Add(breakout);
        var (m, b) = (momentum, breakout);
        if (Parameters.Normalize && state.MomentumZ.Normalize(momentum) is { } zm && state.BreakoutZ.Normalize(breakout) is { } zb)
        {
            (m, b) = (zm, zb);
        }

        var composite = Parameters.MomentumWeight * m + Parameters.BreakoutWeight * b;
        state.LastScores = (momentum, breakout, composite);
        return state.LastScores;
    }

    /// <summary>
    /// equal_weight: <c>positionSize</c>. fixed_risk (reference): shares = max(1, floor(positionSize · riskPerTrade / vol)),
    /// vol the population std of the last <c>lookback</c> returns — a one-sigma move then costs riskPerTrade of the
    /// notional positionSize · price; falls back to positionSize when vol is undefined or 0.
    /// </summary>
    private decimal Size(SymbolState state)
    {
        if (Parameters.PositionSizing != "fixed_risk")
        {
            return Parameters.PositionSize;
        }

        var volatility = TrendIndicators.Volatility(state.Closes, Parameters.Lookback);
        if (volatility is not > 0)
        {
            return Parameters.PositionSize;
        }

        // Decimal for the division that becomes a share count, so 100 · 0.02 / 0.01 is 200, not 199.999….
        return Math.Max(1m, Math.Floor(Parameters.PositionSize * Parameters.RiskPerTrade / (decimal)volatility.Value));
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private sealed class SymbolState(TrendBreakoutParameters parameters)
    {
        public List<double> Closes { get; } = [];
        public List<double> Highs { get; } = [];
        public List<double> Volumes { get; } = [];
        public RollingZScore MomentumZ { get; } = new(parameters.NormalizeWindow, parameters.NormalizeMinPeriods);
        public RollingZScore BreakoutZ { get; } = new(parameters.NormalizeWindow, parameters.NormalizeMinPeriods);
        public (double, double, double)? LastScores { get; set; }

        public void Add(Bar bar, int capacity)
        {
            Push(Closes, (double)bar.Close, capacity);
            Push(Highs, (double)bar.High, capacity);
            Push(Volumes, bar.Volume, capacity);
        }

        private static void Push(List<double> values, double value, int capacity)
        {
            values.Add(value);
            if (values.Count > capacity)
            {
                values.RemoveAt(0);
            }
        }
    }
}
