import { render, screen, within } from '@testing-library/react'
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
  expect(await screen.findByText('paused')).toBeInTheDocument()
  unmount()

  serve({ 'GET /api/risk/state': () => ({ status: 503, body: { title: 'down' } }), 'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }) })
  renderAt('/')
  expect(await screen.findByText('state unknown', {}, { timeout: 4000 })).toBeInTheDocument()
})

test('kill switch asks for confirmation, then halts and the badge turns HALTED', async () => {
  const calls = serve({
    'GET /api/risk/state': () => ({ status: 200, body: running }),
    'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }),
    'POST /api/risk/kill-switch': () => ({ status: 200, body: { state: { ...running, state: 'halted', canResume: false } } }),
  })
  renderAt('/')
  expect(await screen.findByText('running')).toBeInTheDocument()

  await userEvent.click(screen.getByTestId('kill-switch'))
  const dialog = screen.getByRole('dialog')
  expect(within(dialog).getByText('Halt all trading?')).toBeInTheDocument()
  expect(calls).not.toContain('POST /api/risk/kill-switch')

  await userEvent.click(within(dialog).getByTestId('kill-switch-confirm'))
  expect(await screen.findByText('halted')).toBeInTheDocument()
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(calls).toContain('POST /api/risk/kill-switch')
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

test('dashboard shows each account with its cash', async () => {
  serve({
    'GET /api/risk/state': () => ({ status: 200, body: running }),
    'GET /api/portfolio/accounts': () => ({
      status: 200,
      body: [{ id: 'paper', name: 'Paper trading', broker: 'paper', currency: 'USD', cash: 100000, createdAt: '', updatedAt: '' }],
    }),
  })
  renderAt('/')
  expect(await screen.findByTestId('account-paper')).toHaveTextContent('$100,000.00')
})

test('an unknown page says so', () => {
  serve({ 'GET /api/risk/state': () => ({ status: 200, body: running }) })
  renderAt('/no-such-page')
  expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
})
