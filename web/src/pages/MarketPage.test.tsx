import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Bar, Instrument } from '../api/types'
import { renderAt, serve } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const instrument = (symbol: string, assetClass: string): Instrument => ({
  symbol, assetClass, multiplier: 1, tickSize: 0.01, currency: 'USD', exchange: 'XNYS', underlying: null, expiry: null, strike: null,
  right: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: null,
})

const quote = (symbol: string, bid: number, ask: number, ageSeconds: number, stale: boolean) => ({
  status: 200,
  body: {
    quote: { symbol, bid, ask, last: (bid + ask) / 2, bidSize: 100, askSize: 200, time: '2026-01-01T14:30:00Z', mid: (bid + ask) / 2 },
    ageSeconds, stale,
  },
})

const bar = (minute: number, close: number): Bar => ({
  symbol: 'AAPL', resolution: '1m', start: `2026-01-01T14:${String(minute).padStart(2, '0')}:00Z`,
  end: `2026-01-01T14:${String(minute + 1).padStart(2, '0')}:00Z`, open: close - 0.1, high: close + 0.2, low: close - 0.3, close, volume: 12345,
})

const notFound = () => ({ status: 404, body: { title: 'Not Found', detail: 'No quote for ESZ6 yet.' } })
const noBars = () => ({ status: 200, body: { items: [], nextCursor: null } })

test('quotes of the instruments and demo symbols, with a stale marker on a stale quote, and bars of the chosen symbol', async () => {
  serve({
    'GET /api/market/instruments': () => ({ status: 200, body: [instrument('AAPL', 'equity'), instrument('ESZ6', 'future')] }),
    'GET /api/market/quotes/AAPL': () => quote('AAPL', 190.1, 190.3, 0.4, false),
    'GET /api/market/quotes/MSFT': () => quote('MSFT', 419.9, 420.1, 12.5, true),
    'GET /api/market/quotes/SPY': () => quote('SPY', 500, 500.2, 0.3, false),
    'GET /api/market/quotes/ESZ6': notFound,
    'GET /api/market/bars/AAPL?resolution=1m&last=60': () => ({ status: 200, body: { items: [bar(30, 190), bar(31, 190.5), bar(32, 189.8)], nextCursor: null } }),
    'GET /api/market/bars/MSFT?resolution=1m&last=60': noBars,
  })
  await renderAt('/market')
  expect(screen.getByRole('heading', { name: 'Market data' })).toBeInTheDocument()

  const msft = screen.getByTestId('quote-MSFT')
  expect(await within(msft).findByText('stale')).toHaveAttribute('title', 'Last quote 12.5 s ago')
  expect(msft).toHaveTextContent('419.90')

  const aapl = screen.getByTestId('quote-AAPL')
  expect(await within(aapl).findByText('live')).toBeInTheDocument()
  expect(aapl).toHaveTextContent('equity')
  expect(aapl).toHaveTextContent('190.10')
  expect(within(aapl).queryByText('stale')).not.toBeInTheDocument()
  expect(await within(screen.getByTestId('quote-ESZ6')).findByText('no quote')).toBeInTheDocument()

  // AAPL is chosen first: its bars newest first, and the close-price sparkline.
  const bars = screen.getByTestId('bars')
  expect(await within(bars).findByText('189.80')).toBeInTheDocument()
  const rows = within(bars).getAllByRole('row').slice(1)
  expect(rows).toHaveLength(3)
  expect(rows[0]).toHaveTextContent('189.80')
  expect(rows[2]).toHaveTextContent('190.00')
  expect(screen.getByRole('img', { name: 'Close prices from 190.00 to 189.80' })).toBeInTheDocument()

  await userEvent.click(within(msft).getByRole('button', { name: 'MSFT' }))
  expect(await within(screen.getByTestId('bars')).findByText('No bars for MSFT.')).toBeInTheDocument()
})
