import type { BenchmarkPoint, DrawdownPoint, EquityPoint } from './types'

/** One point of the equity chart: the strategy's equity and the benchmark's value (buy-and-hold of the same capital). */
export interface EquityChartPoint {
  t: number
  equity: number
  benchmark: number | null
}

export interface DrawdownChartPoint {
  t: number
  /** Negative percent: −12.5 for a 12.5 % drawdown, so the area hangs below zero. */
  drawdown: number
}

/**
 * Every `step`-th point (and always the last), so a minute run's tens of thousands of points draw as at most `max`
 * without hiding where the curve ends.
 */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max || max < 2) return points
  const step = Math.ceil(points.length / max)
  const out: T[] = []
  for (let i = 0; i < points.length; i += step) out.push(points[i])
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1])
  return out
}

/**
 * The equity curve joined with the benchmark curve on time: each equity point takes the benchmark's latest value at or
 * before it (the service already aligns them on daily points; this keeps an intraday run's points honest too).
 * Points before the benchmark's first value have none.
 */
export function equityChartData(equity: EquityPoint[], benchmark: BenchmarkPoint[], max = 1500): EquityChartPoint[] {
  const bench = benchmark.map((b) => ({ t: Date.parse(b.time), value: b.value })).sort((a, b) => a.t - b.t)
  let j = -1
  const joined = equity.map((p) => {
    const t = Date.parse(p.time)
    while (j + 1 < bench.length && bench[j + 1].t <= t) j++
    return { t, equity: p.equity, benchmark: j >= 0 ? bench[j].value : null }
  })
  return thin(joined, max)
}

export function drawdownChartData(drawdown: DrawdownPoint[], max = 1500): DrawdownChartPoint[] {
  // Thinning could drop the deepest point; keep it by taking each bucket's worst.
  const points = drawdown.map((d) => ({ t: Date.parse(d.time), drawdown: -d.drawdown * 100 }))
  if (points.length <= max) return points
  const step = Math.ceil(points.length / max)
  const out: DrawdownChartPoint[] = []
  for (let i = 0; i < points.length; i += step) {
    const bucket = points.slice(i, i + step)
    out.push(bucket.reduce((worst, p) => (p.drawdown < worst.drawdown ? p : worst)))
  }
  return out
}

const nyParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})

/**
 * A time as New York (exchange) time, "2019-01-30 00:00", the clock the service's days are cut on (a daily bar ends at
 * New York midnight). Times from the API are UTC instants.
 */
export function nyStamp(time: string | number | null | undefined) {
  if (time === null || time === undefined) return '—'
  const parts = Object.fromEntries(nyParts.formatToParts(new Date(time)).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

/** The New York date of a time, "2019-01-30". */
export const nyDay = (time: string | number | null | undefined) => (time === null || time === undefined ? '—' : nyStamp(time).slice(0, 10))

/** Axis ticks as New York dates: "2019-03" over long ranges, "03-04" within a year, "03-04 10:30" within a week. */
export function dateTick(spanMs: number) {
  const day = 24 * 3600 * 1000
  return (t: number) => {
    const s = nyStamp(t)
    if (spanMs > 365 * day) return s.slice(0, 7)
    if (spanMs > 7 * day) return s.slice(5, 10)
    return s.slice(5)
  }
}

/** Compact money for an axis: 104,250 → "$104k", 1,250,000 → "$1.25M". */
export function compactUsd(value: number) {
  const abs = Math.abs(value)
  if (abs >= 1e6) return `$${(value / 1e6).toFixed(2)}M`
  if (abs >= 1e3) return `$${(value / 1e3).toFixed(abs >= 1e5 ? 0 : 1).replace(/\.0$/, '')}k`
  return `$${value.toFixed(0)}`
}
