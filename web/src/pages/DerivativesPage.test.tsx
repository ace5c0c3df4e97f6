import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { saveSession } from '../api/auth'
import type { ExpirationAction, ExpiringContract, RollPlan } from '../derivatives/types'
import { renderAt, serve, type Handler } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const ok = (body: unknown) => () => ({ status: 200, body })

const contract = (symbol: string, daysToExpiry: number, severity: ExpiringContract['severity'], more: Partial<ExpiringContract> = {}): ExpiringContract => ({
  symbol, underlying: 'XYZ', contractType: 'option', expiry: '2026-12-04', daysToExpiry, severity, strike: 100, right: 'call', style: 'american',
  multiplier: 100, ...more,
})

const call = contract('XYZ261204C00100000', 0, 'critical')
const put = contract('XYZ261204P00100000', 2, 'warning', { right: 'put', expiry: '2026-12-06' })
const future = contract('ESZ26', 4, 'info', { underlying: 'ES', contractType: 'future', strike: null, right: null, style: null, multiplier: 50 })

const plan: RollPlan = {
  accountId: 'paper', strategyId: 'roll-1', root: 'ES', fromSymbol: 'ESZ26', toSymbol: 'ESH27', expiry: '2026-12-18', rollDate: '2026-12-13',
  daysToExpiry: 5, due: true, strategy: 'calendar_spread', quantity: 1, multiplier: 50,
  legs: [{ symbol: 'ESZ26', side: 'sell', quantity: 1, purpose: 'close' }, { symbol: 'ESH27', side: 'buy', quantity: 1, purpose: 'open' }],
}

const exercised: ExpirationAction = {
  id: 'a1', bookingId: 'expiry:paper:x:XYZ241227C00100000:20241227', accountId: 'paper', strategyId: 'x1', symbol: 'XYZ241227C00100000',
  contractType: 'option', underlying: 'XYZ', expiry: '2024-12-27', kind: 'exercised', quantity: 1, strike: 100, underlyingPrice: 110,
  shareQuantity: 100, cashChange: -10_000, status: 'booked', detail: null, processedAt: '2026-12-01T21:30:00Z',
}

function routes(more: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /api/portfolio/accounts': ok([{ id: 'paper' }]),
    'GET /api/derivatives/expiring?days=5': ok({ asOf: '2026-12-04', days: 5, total: 3, contracts: [call, put, future] }),
    'GET /api/portfolio/accounts/paper/positions': ok([
      { symbol: 'XYZ261204C00100000', quantity: -2 }, { symbol: 'ESZ26', quantity: 1 },
    ]),
    'GET /api/market/quotes/XYZ': ok({ quote: { symbol: 'XYZ', bid: 104.9, ask: 105.1, last: 105, mid: 105 }, ageSeconds: 1, stale: false }),
    'GET /api/derivatives/roll/plan?accountId=paper': ok([plan]),
    'GET /api/derivatives/expirations?accountId=paper&limit=50': ok([exercised]),
    ...more,
  }
}

test('expiring contracts are coloured by the service\'s severity, with moneyness against the underlying and the position held', async () => {
  serve(routes())
  await renderAt('/derivatives')
  expect(screen.getByRole('heading', { name: /Derivatives/ })).toBeInTheDocument()

  const row = await screen.findByTestId(`expiring-${call.symbol}`)
  expect(row).toHaveAttribute('data-severity', 'critical')
  expect(row).toHaveTextContent('today')
  expect(row.className).toContain('red')
  await vi.waitFor(() => expect(within(row).getByTestId('moneyness')).toHaveTextContent('ITM +5.0%'))
  expect(within(row).getByTestId('held')).toHaveTextContent('-2')

  const putRow = screen.getByTestId(`expiring-${put.symbol}`)
  expect(putRow).toHaveAttribute('data-severity', 'warning')
  expect(putRow.className).toContain('amber')
  expect(putRow).toHaveTextContent('2 days')
  expect(within(putRow).getByTestId('moneyness')).toHaveTextContent('OTM')

  const futureRow = screen.getByTestId('expiring-ESZ26')
  expect(futureRow).toHaveAttribute('data-severity', 'info')
  expect(within(futureRow).getByTestId('moneyness')).toHaveTextContent('—')
  expect(screen.getByTestId('expiring-counts')).toHaveTextContent('1 critical · 1 warning · 1 later')

  const history = within(screen.getByTestId('expirations')).getByTestId(`expiration-${exercised.symbol}`)
  expect(history).toHaveTextContent('exercised')
  expect(history).toHaveTextContent('-$10,000.00')
  expect(history).toHaveTextContent('booked')
})

test('a roll is previewed as of a date and sent only after the confirmation, showing each order\'s status', async () => {
  const calls = serve(routes({
    'GET /api/derivatives/roll/plan?accountId=paper&asOf=2026-12-13': ok([plan]),
    'POST /api/derivatives/roll/execute': ok([{
      plan,
      orders: [
        { symbol: 'ESZ26', side: 'sell', quantity: 1, purpose: 'close', idempotencyKey: 'k1', orderId: 'o1', status: 'submitted', rejectCode: null, error: null },
        { symbol: 'ESH27', side: 'buy', quantity: 1, purpose: 'open', idempotencyKey: 'k2', orderId: 'o2', status: 'rejected', rejectCode: 'max_position_value', error: null },
      ],
    }]),
  }))
  await renderAt('/derivatives')
  const row = await screen.findByTestId('roll-ESZ26')
  expect(row).toHaveTextContent('ESZ26 → ESH27')
  expect(row).toHaveTextContent('due')
  expect(row).toHaveTextContent('calendar spread')

  await userEvent.type(screen.getByLabelText('As of (New York date)'), '2026-12-13')
  await userEvent.click(screen.getByTestId('roll-preview'))
  await vi.waitFor(() => expect(calls.map((c) => c.key)).toContain('GET /api/derivatives/roll/plan?accountId=paper&asOf=2026-12-13'))

  await userEvent.click(screen.getByTestId('roll-now-ESZ26'))
  const dialog = screen.getByRole('dialog')
  expect(dialog).toHaveTextContent('Roll ESZ26 now?')
  expect(dialog).toHaveTextContent('sell 1 ESZ26')
  expect(dialog).toHaveTextContent('buy 1 ESH27')
  expect(calls.map((c) => c.key)).not.toContain('POST /api/derivatives/roll/execute')

  await userEvent.click(screen.getByTestId('roll-confirm'))
  const result = await screen.findByTestId('roll-result')
  expect(result).toHaveTextContent('sell 1 ESZ26 (close): submitted')
  expect(result).toHaveTextContent('buy 1 ESH27 (open): rejected max_position_value')
  expect(calls).toContainEqual({ key: 'POST /api/derivatives/roll/execute', body: { accountId: 'paper', symbols: ['ESZ26'], asOf: '2026-12-13' } })
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
})

test('a viewer sees the roll plan but cannot execute it', async () => {
  saveSession({ token: 't', user: 'viewer', roles: ['viewer'], expiresAt: Date.now() + 3_600_000 })
  serve(routes())
  await renderAt('/derivatives')
  await screen.findByTestId('roll-ESZ26')
  expect(screen.getByTestId('roll-now-ESZ26')).toBeDisabled()
  expect(screen.getByTestId('roll-due')).toBeDisabled()
  expect(screen.getByTestId('roll-due')).toHaveAttribute('title', 'A trader can execute rolls')
})

test('the option calculator posts the form and shows the price and Greeks, or the service\'s ProblemDetails per field', async () => {
  let answer: { status: number; body: unknown } = {
    status: 400,
    body: { title: 'One or more validation errors occurred.', status: 400, errors: { years: ['years must be between 0 and 100.'] } },
  }
  const calls = serve(routes({ 'POST /api/derivatives/calculator': () => answer }))
  await renderAt('/derivatives')
  const form = await screen.findByRole('form', { name: 'Option calculator' })
  const years = within(form).getByLabelText('Years to expiry')
  await userEvent.clear(years)
  await userEvent.type(years, '200')
  await userEvent.click(within(form).getByTestId('calc-submit'))
  expect(await screen.findByTestId('calc-error-years')).toHaveTextContent('years must be between 0 and 100.')
  expect(screen.getByTestId('calc-message')).toHaveTextContent('years must be between 0 and 100.')
  expect(calls).toContainEqual({
    key: 'POST /api/derivatives/calculator',
    body: { model: 'bsm', right: 'call', spot: 100, strike: 100, years: 200, rate: 0.05, dividendYield: 0, volatility: 0.2 },
  })

  answer = { status: 200, body: { price: 4.6150, delta: 0.5695, gamma: 0.03895, vega: 0.1964, theta: -10.47, thetaPerDay: -0.0287, rho: 0.1308, impliedVolatility: 0.2 } }
  await userEvent.clear(years)
  await userEvent.type(years, '0.25')
  await userEvent.click(within(form).getByTestId('calc-submit'))
  expect(await screen.findByTestId('calc-price')).toHaveTextContent('4.6150')
  expect(screen.getByTestId('calc-delta')).toHaveTextContent('0.5695')
  expect(screen.getByTestId('calc-impliedVolatility')).toHaveTextContent('20.00%')
  expect(screen.queryByTestId('calc-error-years')).not.toBeInTheDocument()
})
