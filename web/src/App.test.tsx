import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router-dom'
import { QueryClientProvider } from '@tanstack/react-query'
import { App } from './App'
import { createQueryClient } from './api/client'
import { pages } from './routes'

type Handler = (init?: RequestInit) => { status: number; body: unknown }

/** A fetch double answering by "METHOD path"; unknown requests fail the test loudly with 599. */
function serve(routes: Record<string, Handler>) {
  const calls: string[] = []
  // The dashboard polls positions and orders; tests that do not care about them get empty lists.
  routes = {
    'GET /api/portfolio/accounts/paper/positions': () => ({ status: 200, body: [] }),
    'GET /api/orders?limit=100': () => ({ status: 200, body: [] }),
    ...routes,
  }
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${input}`
    calls.push(key)
    const handler = routes[key]
    const { status, body } = handler ? handler(init) : { status: 599, body: { title: `unexpected ${key}` } }
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  return calls
}

const running = { state: 'running', since: '2026-01-01T00:00:00Z', changedBy: 'system', reason: null, canResume: true }

function renderAt(path: string) {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

afterEach(() => vi.unstubAllGlobals())

test('sidebar links every page of the product', () => {
  serve({ 'GET /api/risk/state': () => ({ status: 200, body: running }), 'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }) })
  renderAt('/')
  const nav = screen.getByRole('navigation', { name: 'Pages' })
  for (const page of pages) {
    expect(within(nav).getByRole('link', { name: page.label })).toHaveAttribute('href', page.path)
  }
})

test('trading-state badge shows the state risk reports, and "state unknown" when risk is down', async () => {
  serve({ 'GET /api/risk/state': () => ({ status: 200, body: { ...running, state: 'paused' } }), 'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }) })
  const { unmount } = renderAt('/')
  await waitFor(() => expect(screen.getByTestId('trading-state')).toHaveTextContent('paused'))
  unmount()

  serve({ 'GET /api/risk/state': () => ({ status: 503, body: { title: 'down' } }), 'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }) })
  renderAt('/')
  await waitFor(() => expect(screen.getByTestId('trading-state')).toHaveTextContent('state unknown'), { timeout: 4000 })
})

test('kill switch asks for confirmation, then halts and the badge turns HALTED', async () => {
  const calls = serve({
    'GET /api/risk/state': () => ({ status: 200, body: running }),
    'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }),
    'POST /api/risk/kill-switch': () => ({
      status: 200,
      body: {
        state: { ...running, state: 'halted', canResume: false },
        actionsExecuted: { halted: true, ordersCancelled: 3, cancelled: [], flattenOrders: [
          { orderId: 'a', symbol: 'AAPL', strategyId: null, side: 'sell', quantity: 10, status: 'submitted', rejectCode: null },
          { orderId: 'b', symbol: 'MSFT', strategyId: null, side: 'buy', quantity: 5, status: 'rejected', rejectCode: 'risk_unavailable' },
        ] },
        errors: [],
      },
    }),
  })
  renderAt('/')
  await waitFor(() => expect(screen.getByTestId('trading-state')).toHaveTextContent('running'))

  await userEvent.click(screen.getByTestId('kill-switch'))
  const dialog = screen.getByRole('dialog')
  expect(within(dialog).getByText('Halt all trading?')).toBeInTheDocument()
  expect(calls).not.toContain('POST /api/risk/kill-switch')

  await userEvent.click(within(dialog).getByTestId('kill-switch-confirm'))
  await waitFor(() => expect(screen.getByTestId('trading-state')).toHaveTextContent('halted'))
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(calls).toContain('POST /api/risk/kill-switch')
  const report = screen.getByTestId('kill-switch-report')
  expect(within(report).getByTestId('kill-switch-halt')).toHaveTextContent('Halt: done (state halted)')
  expect(within(report).getByTestId('kill-switch-cancelled')).toHaveTextContent('3 working order(s) cancelled')
  expect(within(report).getByTestId('kill-switch-flatten')).toHaveTextContent('2 closing order(s) sent')
  expect(report).toHaveTextContent('rejected (risk_unavailable)')
})

test('a failed kill switch keeps the dialog open with the reason', async () => {
  serve({
    'GET /api/risk/state': () => ({ status: 200, body: running }),
    'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }),
    'POST /api/risk/kill-switch': () => ({ status: 503, body: { title: 'Unavailable', detail: 'Risk cannot be reached.' } }),
  })
  renderAt('/')
  await userEvent.click(screen.getByTestId('kill-switch'))
  await userEvent.click(screen.getByTestId('kill-switch-confirm'))
  expect(await screen.findByRole('alert')).toHaveTextContent('Risk cannot be reached.')
  expect(screen.getByRole('dialog')).toBeInTheDocument()
})

test('dashboard shows the account, positions at their marks and only working orders', async () => {
  serve({
    'GET /api/risk/state': () => ({ status: 200, body: running }),
    'GET /api/portfolio/accounts': () => ({
      status: 200,
      body: [{ id: 'paper', name: 'Paper trading', broker: 'paper', currency: 'USD', cash: 98998.5, equity: 100098.5,
        buyingPower: 98998.5, marginUsed: 0, marketValue: 1100, unrealizedPnl: 98.5, realizedPnl: 0, marksComplete: true,
        startOfDayEquity: 100000, dayPnl: 98.5, peakEquity: 100098.5, updatedAt: '' }],
    }),
    'GET /api/portfolio/accounts/paper/positions': () => ({
      status: 200,
      body: [{ accountId: 'paper', symbol: 'AAPL', strategyId: null, assetType: 'equity', multiplier: 1, quantity: 10,
        averageCost: 100.15, mark: 110, markSource: 'quote', marketValue: 1100, unrealizedPnl: 98.5 }],
    }),
    'GET /api/orders?limit=100': () => ({
      status: 200,
      body: [
        { id: '1', symbol: 'MSFT', side: 'buy', type: 'limit', limitPrice: 400, stopPrice: null, quantity: 5, filledQuantity: 0,
          averageFillPrice: null, status: 'submitted', createdAt: '2026-01-01T14:31:00Z', timeInForce: 'day' },
        { id: '2', symbol: 'TSLA', side: 'sell', type: 'market', limitPrice: null, stopPrice: null, quantity: 1, filledQuantity: 1,
          averageFillPrice: 250, status: 'filled', createdAt: '2026-01-01T14:30:00Z', timeInForce: 'day' },
      ],
    }),
  })
  renderAt('/')
  const account = await screen.findByTestId('account-paper')
  expect(account).toHaveTextContent('$100,098.50')
  expect(account).toHaveTextContent('$98.50')
  const positions = screen.getByTestId('positions')
  expect(await within(positions).findByText('AAPL')).toBeInTheDocument()
  expect(positions).toHaveTextContent('manual')
  const orders = screen.getByTestId('working-orders')
  expect(await within(orders).findByText('MSFT')).toBeInTheDocument()
  expect(within(orders).queryByText('TSLA')).not.toBeInTheDocument()
})

test('an unknown page says so', () => {
  serve({ 'GET /api/risk/state': () => ({ status: 200, body: running }) })
  renderAt('/no-such-page')
  expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
})
