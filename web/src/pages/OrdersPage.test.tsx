import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Order } from '../api/types'
import { renderAt, serve } from '../test/serve'
import { fakeLive } from '../test/setup'

afterEach(() => vi.unstubAllGlobals())

const order = (patch: Partial<Order>): Order => ({
  id: 'o1', accountId: 'paper', strategyId: null, symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', quantity: 10,
  limitPrice: 190.5, stopPrice: null, status: 'submitted', filledQuantity: 0, averageFillPrice: null, rejectCode: null,
  createdAt: '2026-01-01T14:30:00Z', ...patch,
})

const accounts = () => ({ status: 200, body: [{ id: 'paper' }] })

test('the ticket sends a stop-limit order with an idempotency key, and the pushed fill updates the blotter', async () => {
  const keys: string[] = []
  const calls = serve({
    'GET /api/portfolio/accounts': accounts,
    'GET /api/orders?limit=200': () => ({ status: 200, body: [] }),
    'GET /api/market/quotes/AAPL': () => ({ status: 404, body: { title: 'Not Found' } }),
    'POST /api/orders': (init) => {
      keys.push(new Headers(init?.headers).get('Idempotency-Key') ?? '')
      return { status: 201, body: order({ type: 'stop_limit', stopPrice: 191, limitPrice: 191.5 }) }
    },
  })
  await renderAt('/orders')
  const ticket = screen.getByRole('form', { name: 'Order ticket' })
  await userEvent.type(within(ticket).getByLabelText('Symbol'), 'aapl')
  await userEvent.type(within(ticket).getByLabelText('Quantity'), '10')
  await userEvent.selectOptions(within(ticket).getByLabelText('Type'), 'stop_limit')
  await userEvent.click(screen.getByTestId('ticket-submit'))
  expect(within(ticket).getByText('A stop price above zero is required.')).toBeInTheDocument()
  expect(calls.some((c) => c.key === 'POST /api/orders')).toBe(false)

  await userEvent.type(within(ticket).getByLabelText('Stop price'), '191')
  await userEvent.type(within(ticket).getByLabelText('Limit price'), '191.5')
  await userEvent.click(screen.getByTestId('ticket-submit'))
  expect(await screen.findByTestId('ticket-result')).toHaveTextContent('BUY 10 AAPL submitted')
  expect(calls.find((c) => c.key === 'POST /api/orders')?.body).toMatchObject({
    accountId: 'paper', symbol: 'AAPL', type: 'stop_limit', stopPrice: 191, limitPrice: 191.5, quantity: 10, timeInForce: 'day',
  })
  expect(keys[0]).not.toBe('')

  const row = await screen.findByTestId('order-o1')
  expect(row).toHaveTextContent('STP 191.00 LMT 191.50')
  act(() => fakeLive().emit('orders:updates', order({ status: 'filled', filledQuantity: 10, averageFillPrice: 191.2 })))
  await waitFor(() => expect(screen.getByTestId('order-o1')).toHaveAttribute('data-status', 'filled'))
  expect(screen.getByTestId('order-o1')).toHaveTextContent('191.20')
})

test('the service\'s validation errors show beside the fields, and a filter narrows the blotter and the pushes', async () => {
  serve({
    'GET /api/portfolio/accounts': accounts,
    'GET /api/orders?limit=200': () => ({ status: 200, body: [order({}), order({ id: 'o2', symbol: 'MSFT', status: 'filled' })] }),
    'GET /api/orders?status=filled&limit=200': () => ({ status: 200, body: [order({ id: 'o2', symbol: 'MSFT', status: 'filled' })] }),
    'GET /api/market/quotes/ZZZ': () => ({ status: 404, body: { title: 'Not Found' } }),
    'POST /api/orders': () => ({ status: 400, body: { title: 'Validation failed', errors: { symbol: ['Unknown symbol ZZZ.'] } } }),
  })
  await renderAt('/orders')
  expect(await screen.findByTestId('order-o1')).toBeInTheDocument()
  const ticket = screen.getByRole('form', { name: 'Order ticket' })
  await userEvent.type(within(ticket).getByLabelText('Symbol'), 'ZZZ')
  await userEvent.type(within(ticket).getByLabelText('Quantity'), '1')
  await userEvent.click(screen.getByTestId('ticket-submit'))
  expect(await screen.findByTestId('ticket-result')).toHaveTextContent('Unknown symbol ZZZ.')
  expect(within(ticket).getByLabelText('Symbol').parentElement).toHaveTextContent('Unknown symbol ZZZ.')

  await userEvent.selectOptions(screen.getByLabelText('Status'), 'filled')
  await waitFor(() => expect(screen.queryByTestId('order-o1')).not.toBeInTheDocument())
  expect(screen.getByTestId('order-o2')).toBeInTheDocument()
  act(() => fakeLive().emit('orders:updates', order({ id: 'o3', status: 'submitted' })))
  expect(screen.queryByTestId('order-o3')).not.toBeInTheDocument()
})
