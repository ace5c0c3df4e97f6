import type { Order, Position, Quote } from '../api/types'

/**
 * A position revalued at a pushed quote's mid, as the portfolio values it (Valuation: market value = quantity ×
 * multiplier × mark; unrealized = (mark − average cost) × quantity × multiplier).
 */
export function markPosition(position: Position, quote: Pick<Quote, 'bid' | 'ask' | 'time'>): Position {
  const mark = (quote.bid + quote.ask) / 2
  return {
    ...position,
    mark,
    markSource: 'quote',
    marketValue: position.quantity * position.multiplier * mark,
    unrealizedPnl: (mark - position.averageCost) * position.quantity * position.multiplier,
  }
}

/** The blotter after a pushed order: replaced in place when known, else added; newest first, at most `limit`. */
export function mergeOrder(orders: Order[] | undefined, order: Order, limit = 200): Order[] {
  const list = orders ?? []
  const index = list.findIndex((o) => o.id === order.id)
  if (index >= 0) {
    const next = list.slice()
    next[index] = { ...list[index], ...order }
    return next
  }
  return [order, ...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit)
}

/** Statuses of an order the broker may still fill or cancel. */
export const workingStatuses = new Set(['pending', 'submitted', 'partially_filled', 'cancel_requested'])

/** How fresh the shown data is: the live connection and the age of its last message. */
export function freshness(status: string, lastMessageAt: number | null, now: number): { label: string; tone: 'live' | 'stale' | 'down' } {
  if (status !== 'connected') {
    return { label: status === 'reconnecting' || status === 'connecting' ? `${status}…` : 'offline — polling', tone: 'down' }
  }
  if (lastMessageAt === null) return { label: 'live', tone: 'live' }
  const age = Math.max(0, (now - lastMessageAt) / 1000)
  if (age < 10) return { label: `live · ${age.toFixed(age < 1 ? 1 : 0)} s ago`, tone: 'live' }
  return { label: `last update ${Math.round(age)} s ago`, tone: 'stale' }
}
