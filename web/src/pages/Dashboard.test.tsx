import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Account } from '../api/types'
import { renderAt, serve } from '../test/serve'
import { fakeLive } from '../test/setup'
import { saveSession } from '../api/auth'

afterEach(() => vi.unstubAllGlobals())

const account = (patch: Partial<Account> = {}): Account => ({
  id: 'paper', name: 'Paper trading', broker: 'paper', currency: 'USD', cash: 99000, equity: 100100, buyingPower: 99000, marginUsed: 0,
  marketValue: 1100, unrealizedPnl: 100, realizedPnl: 0, marksComplete: true, startOfDayEquity: 100000, dayPnl: 100, peakEquity: 100100,
  updatedAt: '2026-01-01T14:30:00Z', ...patch,
})

const position = { accountId: 'paper', symbol: 'AAPL', strategyId: null, assetType: 'equity', multiplier: 1, quantity: 10,
  averageCost: 100, mark: 110, markSource: 'quote', marketValue: 1100, unrealizedPnl: 100 }

test('pushed quotes move a position\'s mark and P&L, a pushed summary the account, and a booked fill reloads positions', async () => {
  let positionLoads = 0
  serve({
    'GET /api/portfolio/accounts': () => ({ status: 200, body: [account()] }),
    'GET /api/portfolio/accounts/paper/positions': () => { positionLoads++; return { status: 200, body: [position] } },
    'GET /api/orders?limit=100': () => ({ status: 200, body: [] }),
  })
  await renderAt('/')
  const row = await screen.findByTestId('position-AAPL')
  expect(within(row).getByTestId('unrealized')).toHaveTextContent('+$100.00')
  await waitFor(() => expect(fakeLive().subscribed('quotes:AAPL')).toBe(true))

  act(() => fakeLive().emit('quotes:AAPL', { symbol: 'AAPL', bid: 94.9, ask: 95.1, time: '2026-01-01T14:31:00Z' }))
  expect(within(row).getByTestId('mark')).toHaveTextContent('95.00')
  expect(within(row).getByTestId('unrealized')).toHaveTextContent('-$50.00')
  expect(within(row).getByTestId('unrealized')).toHaveClass('text-red-400')

  expect(fakeLive().subscribed('portfolio:updates')).toBe(true)
  const loadsBefore = positionLoads
  act(() => fakeLive().emit('portfolio:updates', account({ equity: 99950, dayPnl: -50 })))
  await waitFor(() => expect(screen.getByTestId('equity')).toHaveTextContent('$99,950.00'))
  expect(screen.getByTestId('day-pnl')).toHaveTextContent('-$50.00')
  expect(positionLoads).toBe(loadsBefore) // marks only: same cash, no reload

  act(() => fakeLive().emit('portfolio:updates', account({ cash: 98000 })))
  await waitFor(() => expect(positionLoads).toBe(loadsBefore + 1))
})

test('Close sends a close request for the position; a viewer cannot close', async () => {
  const calls = serve({
    'GET /api/portfolio/accounts': () => ({ status: 200, body: [account()] }),
    'GET /api/portfolio/accounts/paper/positions': () => ({ status: 200, body: [position] }),
    'GET /api/orders?limit=100': () => ({ status: 200, body: [] }),
    'POST /api/orders/positions/AAPL/close': () => ({ status: 201, body: { id: 'c1', status: 'working' } }),
  })
  const { unmount } = await renderAt('/')
  const row = await screen.findByTestId('position-AAPL')
  await userEvent.click(within(row).getByRole('button', { name: 'Close' }))
  expect(await screen.findByTestId('close-message')).toHaveTextContent('Closing AAPL: market order sent.')
  expect(calls.find((c) => c.key === 'POST /api/orders/positions/AAPL/close')?.body).toEqual({ accountId: 'paper', strategyId: null })
  unmount()

  saveSession({ token: 't', user: 'viewer', roles: ['viewer'], expiresAt: Date.now() + 60_000 })
  await renderAt('/')
  expect(within(await screen.findByTestId('position-AAPL')).getByRole('button', { name: 'Close' })).toBeDisabled()
  expect(screen.getByTestId('kill-switch')).toBeDisabled()
})
