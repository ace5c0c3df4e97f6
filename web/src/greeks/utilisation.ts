import type { GreekLevels, GreeksLimits, LimitedGreek } from './types'

export const limitedGreeks: { key: LimitedGreek; label: string; hint: string }[] = [
  { key: 'dollarDelta', label: 'Dollar delta', hint: 'Δ$: P&L per 100 % move of every underlying (Δ·q·m·S)' },
  { key: 'gammaDollar', label: 'Gamma dollar', hint: 'Γ$ = Γ·q·m·S²' },
  { key: 'vegaPer1Pct', label: 'Vega per 1 %', hint: 'P&L per volatility point' },
  { key: 'thetaPerDay', label: 'Theta per day', hint: 'P&L per calendar day of time decay' },
]

export type UtilisationLevel = 'normal' | 'warn' | 'crit' | 'hard'

/**
 * A Greek against its limits, as risk judges it (docs/api/greeks.md: levels on |value|): the level reached and the
 * use of the hard limit in percent (the bar's length; may exceed 100).
 */
export function utilisation(value: number, levels: GreekLevels): { level: UtilisationLevel; pct: number } {
  const size = Math.abs(value)
  const pct = levels.hard > 0 ? (size / levels.hard) * 100 : 0
  const level: UtilisationLevel = size >= levels.hard ? 'hard' : size >= levels.crit ? 'crit' : size >= levels.warn ? 'warn' : 'normal'
  return { level, pct }
}

/** Bar and text colours per level: green, amber as it nears the limit, orange at critical, red at the hard limit. */
export const levelStyles: Record<UtilisationLevel, { bar: string; text: string; badge: string }> = {
  normal: { bar: 'bg-emerald-500', text: 'text-emerald-400', badge: 'bg-emerald-800 text-emerald-100' },
  warn: { bar: 'bg-amber-400', text: 'text-amber-300', badge: 'bg-amber-500 text-black' },
  crit: { bar: 'bg-orange-500', text: 'text-orange-400', badge: 'bg-orange-600 text-white' },
  hard: { bar: 'bg-red-600', text: 'text-red-400', badge: 'bg-red-600 text-white' },
}

/** Breach levels as the scenario and alerts name them (none | warn | crit | hard). */
export const breachStyle = (level: string) =>
  level === 'hard' ? levelStyles.hard.badge : level === 'crit' ? levelStyles.crit.badge : level === 'warn' ? levelStyles.warn.badge : 'bg-slate-700 text-slate-300'

/** The limits form: every dimension's three levels as text. */
export type LimitsFields = Record<LimitedGreek, Record<keyof GreekLevels, string>>

export const limitsToFields = (limits: GreeksLimits): LimitsFields =>
  Object.fromEntries(limitedGreeks.map(({ key }) => [key, {
    warn: String(limits[key].warn), crit: String(limits[key].crit), hard: String(limits[key].hard),
  }])) as LimitsFields

/**
 * The PUT body from the form. Text that is not a number is refused here (errors keyed like the service's,
 * `gammaDollar.crit`); the ordering rules (0 < warn < crit < hard) are the service's to judge, and its
 * ProblemDetails is what the form shows.
 */
export function buildLimitsBody(fields: LimitsFields): { body?: GreeksLimits; errors?: Record<string, string> } {
  const errors: Record<string, string> = {}
  const body = {} as GreeksLimits
  for (const { key } of limitedGreeks) {
    const levels = {} as GreekLevels
    for (const level of ['warn', 'crit', 'hard'] as const) {
      const text = fields[key][level].replace(/,/g, '').trim()
      const value = Number(text)
      if (text === '' || !Number.isFinite(value)) errors[`${key}.${level}`] = `The ${level} level must be a number.`
      levels[level] = value
    }
    body[key] = levels
  }
  return Object.keys(errors).length > 0 ? { errors } : { body }
}

/** Parses "1, 2,5" into the scenario's shocks query value; null when a token is not a number (the service judges the range). */
export function parseShocks(text: string): string | null {
  const tokens = text.split(',').map((t) => t.trim()).filter((t) => t !== '')
  if (tokens.length === 0 || tokens.some((t) => !Number.isFinite(Number(t)))) return null
  return tokens.join(',')
}

/** A compact dollar amount: $1.2M, $250k, $12. */
export function compactMoney(value: number): string {
  const sign = value < 0 ? '-' : ''
  const size = Math.abs(value)
  if (size >= 1_000_000) return `${sign}$${(size / 1_000_000).toFixed(2)}M`
  if (size >= 10_000) return `${sign}$${(size / 1_000).toFixed(1)}k`
  return `${sign}$${size.toLocaleString('en-US', { maximumFractionDigits: 0 })}`
}
