import type { Order, OrderStatus, Position } from '../api/types'
import { freshness, markPosition, mergeOrder } from './positions'

const position = (quantity: number, averageCost: number, multiplier = 1): Position => ({
  accountId: 'paper', symbol: 'ESZ6', strategyId: null, assetType: 'future', multiplier, quantity, averageCost, mark: averageCost,
  markSource: 'cost', marketValue: 0, unrealizedPnl: 0,
})

const order = (id: string, createdAt: string, status: OrderStatus = 'submitted'): Order => ({
  id, accountId: 'paper', strategyId: null, symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', quantity: 1,
  limitPrice: null, stopPrice: null, status, filledQuantity: 0, averageFillPrice: null, rejectCode: null, createdAt,
})

test('a pushed quote marks a long position at its mid, with the multiplier', () => {
  const marked = markPosition(position(2, 5000, 50), { bid: 5010, ask: 5012, time: '' })
  expect(marked.mark).toBe(5011)
  expect(marked.markSource).toBe('quote')
  expect(marked.marketValue).toBe(2 * 50 * 5011)
  expect(marked.unrealizedPnl).toBe(11 * 2 * 50)
})

test('a short position loses when the mark rises above its average cost', () => {
  const marked = markPosition(position(-10, 100), { bid: 101, ask: 103, time: '' })
  expect(marked.unrealizedPnl).toBe(-20)
  expect(marked.marketValue).toBe(-1020)
})

test('a pushed order replaces the known one in place and a new one goes first', () => {
  const list = [order('b', '2026-01-01T10:02:00Z'), order('a', '2026-01-01T10:01:00Z')]
  const updated = mergeOrder(list, { ...order('a', '2026-01-01T10:01:00Z'), status: 'filled', filledQuantity: 1 })
  expect(updated.map((o) => [o.id, o.status])).toEqual([['b', 'submitted'], ['a', 'filled']])
  expect(list[1].status).toBe('submitted') // the cached list is not mutated

  const added = mergeOrder(updated, order('c', '2026-01-01T10:03:00Z'), 2)
  expect(added.map((o) => o.id)).toEqual(['c', 'b'])
  expect(mergeOrder(undefined, order('x', '2026-01-01T10:00:00Z')).map((o) => o.id)).toEqual(['x'])
})

test('freshness says live while pushes arrive, stale after ten quiet seconds, and polling when offline', () => {
  const now = 1_000_000
  expect(freshness('connected', now - 400, now)).toEqual({ label: 'live · 0.4 s ago', tone: 'live' })
  expect(freshness('connected', now - 12_000, now)).toEqual({ label: 'last update 12 s ago', tone: 'stale' })
  expect(freshness('connected', null, now).tone).toBe('live')
  expect(freshness('reconnecting', now, now)).toEqual({ label: 'reconnecting…', tone: 'down' })
  expect(freshness('disconnected', now, now)).toEqual({ label: 'offline — polling', tone: 'down' })
})
