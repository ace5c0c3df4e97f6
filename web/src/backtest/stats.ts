import type { BenchmarkSummary, Statistics } from './types'

/** A fraction as a percentage: 0.1234 → "12.34%"; signed adds "+" to gains. */
export function pct(value: number | null | undefined, digits = 2, signed = false) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const text = `${(value * 100).toFixed(digits)}%`
  return signed && value > 0 ? `+${text}` : text
}

/** A ratio (Sharpe, beta…) with two decimals; null (an undefined profit factor) as ∞ when `nullIs` says so. */
export function ratio(value: number | null | undefined, digits = 2, nullIs = '—') {
  if (value === null || value === undefined) return nullIs
  if (!Number.isFinite(value)) return '—'
  return value.toFixed(digits)
}

export const usd = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)

export type Tone = 'gain' | 'loss' | 'plain'

export interface StatRow {
  key: string
  label: string
  value: string
  /** The benchmark's figure for the same statistic, when the API gives one. */
  benchmark?: string
  tone: Tone
  title?: string
}

const tone = (value: number | null | undefined): Tone => (value === null || value === undefined || value === 0 ? 'plain' : value > 0 ? 'gain' : 'loss')

/**
 * The statistics a quant reads first, in order, formatted: returns and ratios of the run, the benchmark's total return
 * beside the run's, then the trade and risk figures. Percent statistics are the API's fractions × 100.
 */
export function statRows(s: Statistics, b: BenchmarkSummary | null): StatRow[] {
  return [
    { key: 'totalReturn', label: 'Total return', value: pct(s.totalReturn, 2, true), tone: tone(s.totalReturn),
      benchmark: b ? pct(b.totalReturn, 2, true) : undefined },
    { key: 'cagr', label: 'CAGR', value: pct(s.cagr, 2, true), tone: tone(s.cagr) },
    { key: 'sharpe', label: 'Sharpe', value: ratio(s.sharpe), tone: 'plain', title: 'Annualised, risk-free rate 0' },
    { key: 'sortino', label: 'Sortino', value: ratio(s.sortino), tone: 'plain' },
    { key: 'calmar', label: 'Calmar', value: ratio(s.calmar), tone: 'plain' },
    { key: 'annualVolatility', label: 'Volatility (ann.)', value: pct(s.annualVolatility), tone: 'plain' },
    { key: 'maxDrawdown', label: 'Max drawdown', value: pct(-s.maxDrawdown), tone: s.maxDrawdown > 0 ? 'loss' : 'plain' },
    { key: 'maxDrawdownDuration', label: 'Max DD duration', value: `${s.maxDrawdownDuration} d`, tone: 'plain', title: 'Trading days from a peak back to it' },
    { key: 'valueAtRisk95', label: 'VaR 95 (1 d)', value: pct(s.valueAtRisk95), tone: 'plain', title: `VaR 99: ${pct(s.valueAtRisk99)}` },
    { key: 'trades', label: 'Trades', value: String(s.trades), tone: 'plain', title: 'Closed round trips' },
    { key: 'winRate', label: 'Win rate', value: pct(s.winRate, 1), tone: 'plain' },
    { key: 'profitFactor', label: 'Profit factor', value: ratio(s.profitFactor, 2, s.trades > 0 ? '∞' : '—'), tone: 'plain' },
    { key: 'expectancy', label: 'Expectancy', value: usd(s.expectancy), tone: tone(s.expectancy), title: `avg win ${usd(s.averageWin)} · avg loss ${usd(s.averageLoss)}` },
    { key: 'exposure', label: 'Exposure', value: pct(s.exposure, 1), tone: 'plain', title: `time in market ${pct(s.timeInMarket, 1)}` },
    { key: 'turnover', label: 'Turnover (ann.)', value: ratio(s.turnover), tone: 'plain', title: 'One-way, × mean equity per year' },
  ]
}

/** The figures against the benchmark (alpha, beta, IR…), or none without a benchmark. */
export function benchmarkRows(b: BenchmarkSummary | null): StatRow[] {
  if (!b) return []
  return [
    { key: 'alpha', label: 'Alpha (ann.)', value: pct(b.alpha, 2, true), tone: tone(b.alpha) },
    { key: 'beta', label: 'Beta', value: ratio(b.beta), tone: 'plain' },
    { key: 'informationRatio', label: 'Information ratio', value: ratio(b.informationRatio), tone: 'plain' },
    { key: 'trackingError', label: 'Tracking error', value: pct(b.trackingError), tone: 'plain' },
    { key: 'upCapture', label: 'Up / down capture', value: `${ratio(b.upCapture)} / ${ratio(b.downCapture)}`, tone: 'plain' },
  ]
}

/** A metric by its API name (rankBy / metric), formatted as the statistic it reads. */
export function metricValue(name: string, value: number | null | undefined) {
  const percents = new Set(['total_return', 'cagr', 'win_rate', 'max_drawdown', 'annual_volatility', 'value_at_risk_95'])
  if (name === 'expectancy') return usd(value)
  return percents.has(name) ? pct(value) : ratio(value)
}

/** "sharpe" → "Sharpe", "value_at_risk_95" → "Value at risk 95". */
export const metricLabel = (name: string) => {
  const text = name.replace(/_/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Parameters as "fastWindow=10 · slowWindow=30". */
export const parameterText = (p: Record<string, unknown>) =>
  Object.entries(p).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ')
