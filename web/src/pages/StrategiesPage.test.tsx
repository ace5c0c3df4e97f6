import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Signal, Strategy } from '../api/types'
import { renderAt, serve } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const idleRuntime = {
  listening: false, barsProcessed: 0, signalsSent: 0, signalsSuppressed: 0, lastBarAt: null, positions: [],
  pnl: { realized: 0, unrealized: 0, fees: 0, total: 0 },
}

function strategy(id: string, status: Strategy['status'], more: Partial<Strategy> = {}): Strategy {
  return {
    id, kind: 'sma_crossover', accountId: 'paper', symbols: ['AAPL', 'MSFT'], parameters: {}, resolution: '1m', enabled: status !== 'stopped',
    mode: 'paper', status, lastError: null, errorAt: null, statusChangedAt: '2026-01-01T00:00:00Z', warmupBars: 20,
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', runtime: idleRuntime, ...more,
  }
}

const demo = strategy('demo-sma', 'running', {
  runtime: {
    listening: true, barsProcessed: 42, signalsSent: 2, signalsSuppressed: 19, lastBarAt: '2026-01-01T14:31:00Z',
    positions: [{ symbol: 'AAPL', quantity: 10, averageCost: 190.25, realizedPnl: 0, mark: 191.5, unrealizedPnl: 12.5 }],
    pnl: { realized: -1, unrealized: 12.5, fees: 1, total: 11.5 },
  },
})
const idle = strategy('mom-1', 'stopped', { kind: 'momentum' })
const warming = strategy('tb-1', 'warming_up', { kind: 'trend_breakout', warmupBars: 39 })
const broken = strategy('broken', 'error', { lastError: 'Division by zero in OnBar', errorAt: '2026-01-01T14:00:00Z' })

const signal = (id: string, more: Partial<Signal>): Signal => ({
  id, strategyId: 'demo-sma', symbol: 'AAPL', side: 'buy', quantity: 10, orderType: 'market', limitPrice: null, stopPrice: null, reason: 'golden cross',
  time: '2026-01-01T14:30:00Z', factorScores: {}, orderId: null, orderStatus: 'submitted', rejectCode: null, error: null,
  createdAt: '2026-01-01T14:30:00Z', ...more,
})

const noSignals = () => ({ status: 200, body: { items: [], nextCursor: null } })

test('the strategies table shows each status, the runtime, and an errored strategy with its message', async () => {
  serve({
    'GET /api/strategies': () => ({ status: 200, body: [demo, idle, warming, broken] }),
    'GET /api/strategies/demo-sma/signals?limit=50': noSignals,
  })
  await renderAt('/strategies')
  expect(screen.getByRole('heading', { name: 'Strategies' })).toBeInTheDocument()

  const row = await screen.findByTestId('strategy-demo-sma')
  expect(row).toHaveTextContent('running')
  expect(row).toHaveTextContent('listening')
  expect(row).toHaveTextContent('42 bars · 2 sent · 19 suppressed')
  expect(row).toHaveTextContent('AAPL 10 @ 190.25')
  expect(row).toHaveTextContent('$11.50')
  expect(screen.getByTestId('strategy-mom-1')).toHaveTextContent('stopped')
  expect(screen.getByTestId('strategy-tb-1')).toHaveTextContent('warming up')
  expect(screen.getByTestId('strategy-broken')).toHaveTextContent('error')
  expect(screen.getByTestId('strategy-error-broken')).toHaveTextContent('Division by zero in OnBar')

  // Start only what is not running, stop only what is.
  expect(screen.getByTestId('start-demo-sma')).toBeDisabled()
  expect(screen.getByTestId('stop-demo-sma')).toBeEnabled()
  expect(screen.getByTestId('start-broken')).toBeEnabled()
  expect(screen.getByTestId('stop-tb-1')).toBeEnabled()
})

test('Start posts a paper start to the strategy, and a 422 ProblemDetails is shown', async () => {
  const calls = serve({
    'GET /api/strategies': () => ({ status: 200, body: [demo, idle] }),
    'GET /api/strategies/demo-sma/signals?limit=50': noSignals,
    'POST /api/strategies/mom-1/start': () => ({
      status: 422,
      body: { title: 'Unprocessable Entity', status: 422, detail: "Parameter 'lookbackPeriod' must be positive." },
    }),
  })
  await renderAt('/strategies')
  await userEvent.click(await screen.findByTestId('start-mom-1'))

  expect(await screen.findByRole('alert')).toHaveTextContent("Could not start mom-1: Parameter 'lookbackPeriod' must be positive.")
  expect(calls).toContainEqual({ key: 'POST /api/strategies/mom-1/start', body: { mode: 'paper' } })
})

test('Stop posts to the stop endpoint and the row shows the answer', async () => {
  let stopped = false
  const calls = serve({
    'GET /api/strategies': () => ({ status: 200, body: [stopped ? { ...demo, status: 'stopped' } : demo] }),
    'GET /api/strategies/demo-sma/signals?limit=50': noSignals,
    'POST /api/strategies/demo-sma/stop': () => {
      stopped = true
      return { status: 200, body: { ...demo, status: 'stopped' } }
    },
  })
  await renderAt('/strategies')
  await userEvent.click(await screen.findByTestId('stop-demo-sma'))
  await vi.waitFor(() => expect(screen.getByTestId('strategy-demo-sma')).toHaveTextContent('stopped'))
  expect(calls.map((c) => c.key)).toContain('POST /api/strategies/demo-sma/stop')
  expect(screen.getByTestId('start-demo-sma')).toBeEnabled()
})

test('the signals panel lists the selected strategy\'s signals, newest first, and follows the selection', async () => {
  serve({
    'GET /api/strategies': () => ({ status: 200, body: [demo, idle] }),
    'GET /api/strategies/demo-sma/signals?limit=50': () => ({
      status: 200,
      body: {
        items: [
          signal('s2', { symbol: 'MSFT', side: 'sell', orderType: 'limit', limitPrice: 421.5, reason: 'death cross', time: '2026-01-01T14:35:00Z',
            orderStatus: 'rejected', rejectCode: 'trading_halted' }),
          signal('s1', { reason: 'golden cross', orderStatus: 'filled' }),
          signal('s0', { side: 'sell', orderType: 'stop_limit', stopPrice: 95, limitPrice: 94.5, reason: 'protective stop', orderStatus: 'submitted' }),
        ],
        nextCursor: null,
      },
    }),
    'GET /api/strategies/mom-1/signals?limit=50': noSignals,
  })
  await renderAt('/strategies')
  const panel = await screen.findByTestId('signals')
  expect(await within(panel).findByText('death cross')).toBeInTheDocument()
  const rows = within(panel).getAllByRole('row').slice(1)
  expect(rows).toHaveLength(3)
  expect(rows[0]).toHaveTextContent('MSFT')
  expect(rows[0]).toHaveTextContent('sell')
  expect(rows[0]).toHaveTextContent('limit @ 421.5')
  expect(rows[0]).toHaveTextContent('rejected (trading_halted)')
  expect(rows[1]).toHaveTextContent('AAPL')
  expect(rows[1]).toHaveTextContent('golden cross')
  expect(rows[1]).toHaveTextContent('filled')
  expect(rows[2]).toHaveTextContent('stop_limit stop 95 @ 94.5')

  await userEvent.click(screen.getByRole('button', { name: 'mom-1' }))
  expect(await within(screen.getByTestId('signals')).findByText('No signals yet.')).toBeInTheDocument()
})
