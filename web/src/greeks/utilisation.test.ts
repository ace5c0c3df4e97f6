import { buildLimitsBody, compactMoney, limitsToFields, parseShocks, utilisation } from './utilisation'
import type { GreeksLimits } from './types'

const levels = { warn: 100_000, crit: 150_000, hard: 200_000 }

test('utilisation is |value| against the hard limit, and the level the first threshold reached', () => {
  expect(utilisation(50_000, levels)).toEqual({ level: 'normal', pct: 25 })
  expect(utilisation(-99_999, levels).level).toBe('normal')
  expect(utilisation(100_000, levels)).toEqual({ level: 'warn', pct: 50 })
  expect(utilisation(-150_000, levels)).toEqual({ level: 'crit', pct: 75 })
  expect(utilisation(200_000, levels)).toEqual({ level: 'hard', pct: 100 })
  expect(utilisation(-300_000, levels)).toEqual({ level: 'hard', pct: 150 })
  expect(utilisation(0, levels)).toEqual({ level: 'normal', pct: 0 })
})

const limits: GreeksLimits = {
  dollarDelta: levels,
  gammaDollar: { warn: 5000, crit: 7500, hard: 10000 },
  vegaPer1Pct: { warn: 20000, crit: 30000, hard: 40000 },
  thetaPerDay: { warn: 3000, crit: 4500, hard: 6000 },
}

test('the limits form round-trips, accepts thousands separators and keys bad text like the service', () => {
  const fields = limitsToFields(limits)
  expect(fields.gammaDollar).toEqual({ warn: '5000', crit: '7500', hard: '10000' })
  expect(buildLimitsBody(fields)).toEqual({ body: limits })
  expect(buildLimitsBody({ ...fields, dollarDelta: { warn: '100,000', crit: '150000', hard: '200000' } }).body?.dollarDelta).toEqual(levels)
  expect(buildLimitsBody({ ...fields, gammaDollar: { warn: '5000', crit: 'x', hard: '' } }).errors).toEqual({
    'gammaDollar.crit': 'The crit level must be a number.',
    'gammaDollar.hard': 'The hard level must be a number.',
  })
})

test('shocks are comma-separated numbers; the range is the service\'s to judge', () => {
  expect(parseShocks('1, 2,5')).toBe('1,2,5')
  expect(parseShocks('60')).toBe('60')
  expect(parseShocks('1, x')).toBeNull()
  expect(parseShocks(' ')).toBeNull()
})

test('compact money', () => {
  expect(compactMoney(1_250_000)).toBe('$1.25M')
  expect(compactMoney(-150_000)).toBe('-$150.0k')
  expect(compactMoney(9_999)).toBe('$9,999')
})
