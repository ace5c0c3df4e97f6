import type { ExpirySeverity } from './types'

/**
 * The severity of a contract's days to expiry: the service's own (GET /api/derivatives/expiring gives one) when
 * present, else the same rule — critical at one day or less, warning at three or less, info beyond.
 */
export function expirySeverity(daysToExpiry: number, fromService?: string | null): ExpirySeverity {
  if (fromService === 'critical' || fromService === 'warning' || fromService === 'info') return fromService
  if (daysToExpiry <= 1) return 'critical'
  if (daysToExpiry <= 3) return 'warning'
  return 'info'
}

/** Row tint, left rule and badge colours per severity. */
export const severityStyles: Record<ExpirySeverity, { row: string; badge: string }> = {
  critical: { row: 'bg-red-950/50 border-l-2 border-l-red-500', badge: 'bg-red-600 text-white' },
  warning: { row: 'bg-amber-950/40 border-l-2 border-l-amber-400', badge: 'bg-amber-500 text-black' },
  info: { row: 'border-l-2 border-l-transparent', badge: 'bg-slate-700 text-slate-200' },
}

export const daysLabel = (days: number) => (days === 0 ? 'today' : days === 1 ? '1 day' : `${days} days`)

export type Moneyness = 'ITM' | 'ATM' | 'OTM'

/**
 * An option's moneyness against its underlying's price, as expiration processing decides it: in the money is
 * S > K for a call and S < K for a put; at the money (S = K) is not. `distancePct` is (S − K) / K in percent.
 * Null when the right, the strike or the price is unknown.
 */
export function moneyness(right: string | null, strike: number | null, underlyingPrice: number | null | undefined):
  { label: Moneyness; distancePct: number } | null {
  if (!right || strike === null || strike <= 0 || underlyingPrice === null || underlyingPrice === undefined) return null
  const distancePct = ((underlyingPrice - strike) / strike) * 100
  if (underlyingPrice === strike) return { label: 'ATM', distancePct }
  const callInTheMoney = underlyingPrice > strike
  const inTheMoney = right.toLowerCase() === 'call' ? callInTheMoney : !callInTheMoney
  return { label: inTheMoney ? 'ITM' : 'OTM', distancePct }
}

export const moneynessTone: Record<Moneyness, string> = { ITM: 'text-emerald-400', ATM: 'text-amber-300', OTM: 'text-slate-400' }
