import { buildOrder, type TicketFields } from './ticket'

const fields = (patch: Partial<TicketFields>): TicketFields => ({
  accountId: 'paper', symbol: ' aapl ', side: 'buy', type: 'market', timeInForce: 'day', quantity: '10', limitPrice: '', stopPrice: '', ...patch,
})

test('a market order needs a symbol and a positive quantity, and sends no prices even when typed', () => {
  expect(buildOrder(fields({ limitPrice: '190', stopPrice: '180' })).body).toEqual({
    accountId: 'paper', strategyId: null, symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', quantity: 10,
    limitPrice: null, stopPrice: null,
  })
  expect(buildOrder(fields({ symbol: ' ', quantity: '-1' })).errors).toEqual({
    symbol: 'Enter a symbol.', quantity: 'Quantity must be a positive number.',
  })
  expect(buildOrder(fields({ quantity: 'ten' })).errors).toHaveProperty('quantity')
})

test('limit, stop and stop-limit orders need their prices', () => {
  expect(buildOrder(fields({ type: 'limit' })).errors).toEqual({ limitPrice: 'A limit price above zero is required.' })
  expect(buildOrder(fields({ type: 'stop', limitPrice: '5' })).errors).toEqual({ stopPrice: 'A stop price above zero is required.' })
  expect(buildOrder(fields({ type: 'stop_limit', stopPrice: '180' })).errors).toEqual({ limitPrice: 'A limit price above zero is required.' })
  const stopLimit = buildOrder(fields({ type: 'stop_limit', side: 'sell', stopPrice: '180', limitPrice: '179.5', timeInForce: 'gtc' })).body
  expect(stopLimit).toMatchObject({ type: 'stop_limit', side: 'sell', stopPrice: 180, limitPrice: 179.5, timeInForce: 'gtc' })
})

test('IOC is refused for stop orders, as the orders service refuses it', () => {
  expect(buildOrder(fields({ type: 'stop', stopPrice: '1', timeInForce: 'ioc' })).errors).toEqual({
    timeInForce: 'IOC is only for market and limit orders.',
  })
  expect(buildOrder(fields({ type: 'limit', limitPrice: '1', timeInForce: 'ioc' })).errors).toBeNull()
})
