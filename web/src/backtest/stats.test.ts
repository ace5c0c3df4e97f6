import { benchmarkRows, metricLabel, metricValue, parameterText, pct, ratio, statRows, usd } from './stats'
import { compactUsd, dateTick, drawdownChartData, equityChartData, nyDay, nyStamp, thin } from './charts'
import { meanSlippage } from './RunResultView'
import type { SignalTrace, Statistics } from './types'

const stats: Statistics = {
  periods: 505, totalReturn: 0.1834, cagr: 0.0875, annualVolatility: 0.1523, sharpe: 0.6412, sortino: 0.9, maxDrawdown: 0.1932,
  maxDrawdownDuration: 121, calmar: 0.45, trades: 9, winRate: 0.5556, profitFactor: 1.8, expectancy: 812.5, averageWin: 2500,
  averageLoss: -1300, turnover: 3.2, exposure: 0.61, timeInMarket: 0.64, valueAtRisk95: 0.021, valueAtRisk99: 0.038,
}
const bench = {
  symbol: 'SPY', alignedPoints: 505, totalReturn: 0.4411, alpha: -0.031, beta: 0.52, informationRatio: -0.4, trackingError: 0.12,
  treynor: 0.1, upCapture: 0.55, downCapture: 0.61,
}

test('statistics read as a quant expects: percents signed, drawdown negative, ratios to two decimals', () => {
  const rows = Object.fromEntries(statRows(stats, bench).map((r) => [r.key, r]))
  expect(rows.totalReturn).toMatchObject({ value: '+18.34%', tone: 'gain', benchmark: '+44.11%' })
  expect(rows.cagr.value).toBe('+8.75%')
  expect(rows.sharpe.value).toBe('0.64')
  expect(rows.maxDrawdown).toMatchObject({ value: '-19.32%', tone: 'loss' })
  expect(rows.maxDrawdownDuration.value).toBe('121 d')
  expect(rows.winRate.value).toBe('55.6%')
  expect(rows.profitFactor.value).toBe('1.80')
  expect(rows.expectancy.value).toBe('$812.50')
  expect(rows.annualVolatility.value).toBe('15.23%')
  const b = Object.fromEntries(benchmarkRows(bench).map((r) => [r.key, r.value]))
  expect(b).toEqual({ alpha: '-3.10%', beta: '0.52', informationRatio: '-0.40', trackingError: '12.00%', upCapture: '0.55 / 0.61' })
  expect(benchmarkRows(null)).toEqual([])
})

test('a profit factor without losses is unbounded; without trades it is undefined', () => {
  const pf = (s: Partial<Statistics>) => statRows({ ...stats, ...s }, null).find((r) => r.key === 'profitFactor')!.value
  expect(pf({ profitFactor: null, trades: 3 })).toBe('∞')
  expect(pf({ profitFactor: null, trades: 0 })).toBe('—')
  expect(statRows(stats, null)[0].benchmark).toBeUndefined()
})

test('formatters handle missing values and metrics by name', () => {
  expect(pct(null)).toBe('—')
  expect(pct(0)).toBe('0.00%')
  expect(ratio(undefined)).toBe('—')
  expect(usd(-1300)).toBe('-$1,300.00')
  expect(metricValue('max_drawdown', 0.25)).toBe('25.00%')
  expect(metricValue('sharpe', 1.234)).toBe('1.23')
  expect(metricValue('expectancy', 10)).toBe('$10.00')
  expect(metricLabel('value_at_risk_95')).toBe('Value at risk 95')
  expect(parameterText({ fastWindow: 10, mode: 'long_flat' })).toBe('fastWindow=10 · mode=long_flat')
})

test('the equity chart joins the benchmark as of each point; the drawdown hangs below zero in percent', () => {
  const equity = ['2020-01-02', '2020-01-03', '2020-01-06'].map((d, i) => ({
    time: `${d}T21:00:00Z`, equity: 100_000 + i * 1000, cash: 0, longValue: 0, shortValue: 0,
  }))
  const benchmark = [{ time: '2020-01-03T21:00:00Z', value: 100_500 }, { time: '2020-01-06T21:00:00Z', value: 99_000 }]
  expect(equityChartData(equity, benchmark)).toEqual([
    { t: Date.parse('2020-01-02T21:00:00Z'), equity: 100_000, benchmark: null },
    { t: Date.parse('2020-01-03T21:00:00Z'), equity: 101_000, benchmark: 100_500 },
    { t: Date.parse('2020-01-06T21:00:00Z'), equity: 102_000, benchmark: 99_000 },
  ])
  expect(drawdownChartData([{ time: '2020-01-02T21:00:00Z', drawdown: 0.125 }])).toEqual([{ t: Date.parse('2020-01-02T21:00:00Z'), drawdown: -12.5 }])
})

test('long curves are thinned to the chart size but keep the last point and the deepest drawdown', () => {
  const points = Array.from({ length: 10_001 }, (_, i) => i)
  const thinned = thin(points, 1000)
  expect(thinned.length).toBeLessThanOrEqual(1001)
  expect(thinned[thinned.length - 1]).toBe(10_000)
  const dd = Array.from({ length: 5000 }, (_, i) => ({ time: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(), drawdown: i === 2777 ? 0.4 : 0.01 }))
  const shaped = drawdownChartData(dd, 500)
  expect(shaped.length).toBeLessThanOrEqual(500)
  expect(Math.min(...shaped.map((p) => p.drawdown))).toBe(-40)
})

test('axis money is compact; mean slippage reads only filled traces', () => {
  expect(compactUsd(104_250)).toBe('$104k')
  expect(compactUsd(1_250_000)).toBe('$1.25M')
  expect(compactUsd(9_500)).toBe('$9.5k')
  expect(compactUsd(60_000)).toBe('$60k')
  const trace = (slippageBps: number | null) => ({ slippageBps }) as SignalTrace
  expect(meanSlippage([trace(5), trace(null), trace(3)])).toBe(4)
  expect(meanSlippage([trace(null)])).toBeNull()
})

test('times read in New York: a daily bar ending at New York midnight is that midnight, in winter and in summer', () => {
  expect(nyStamp('2019-01-30T05:00:00Z')).toBe('2019-01-30 00:00')
  expect(nyStamp('2019-07-01T04:00:00Z')).toBe('2019-07-01 00:00')
  expect(nyStamp('2019-07-01T13:30:00Z')).toBe('2019-07-01 09:30')
  expect(nyDay('2019-01-31T04:59:00Z')).toBe('2019-01-30')
  expect(nyDay(null)).toBe('—')
  const t = Date.parse('2019-03-04T15:30:00Z')
  expect(dateTick(2 * 365 * 86_400_000)(t)).toBe('2019-03')
  expect(dateTick(90 * 86_400_000)(t)).toBe('03-04')
  expect(dateTick(2 * 86_400_000)(t)).toBe('03-04 10:30')
})

test('research tables show only the parameters the grid varies', async () => {
  const { gridParameters } = await import('./ResearchViews')
  const p = { fastWindow: 5, slowWindow: 30, quantity: 100, mode: 'long_flat' }
  expect(parameterText(gridParameters(p, { fastWindow: [5, 10], slowWindow: [30, 40] }))).toBe('fastWindow=5 · slowWindow=30')
  expect(gridParameters(p, null)).toEqual(p)
  expect(gridParameters(p, {})).toEqual(p)
})
