import { expirySeverity, moneyness, daysLabel } from './expiry'
import { buildCalculatorRequest, defaultCalculatorFields } from './calculator'

test('the service\'s severity wins; without one, one day or less is critical and three or less a warning', () => {
  expect(expirySeverity(10, 'critical')).toBe('critical')
  expect(expirySeverity(0, 'info')).toBe('info')
  expect(expirySeverity(0)).toBe('critical')
  expect(expirySeverity(1, null)).toBe('critical')
  expect(expirySeverity(2)).toBe('warning')
  expect(expirySeverity(3, 'unknown')).toBe('warning')
  expect(expirySeverity(4)).toBe('info')
})

test('moneyness follows expiration processing: S > K for a call, S < K for a put, at the money is neither', () => {
  expect(moneyness('call', 100, 110)).toEqual({ label: 'ITM', distancePct: 10 })
  expect(moneyness('call', 100, 95)?.label).toBe('OTM')
  expect(moneyness('put', 100, 95)?.label).toBe('ITM')
  expect(moneyness('PUT', 100, 105)?.label).toBe('OTM')
  expect(moneyness('call', 100, 100)?.label).toBe('ATM')
  expect(moneyness('call', 100, null)).toBeNull()
  expect(moneyness(null, 100, 100)).toBeNull()
  expect(moneyness('call', null, 100)).toBeNull()
})

test('days to expiry read as words', () => {
  expect(daysLabel(0)).toBe('today')
  expect(daysLabel(1)).toBe('1 day')
  expect(daysLabel(7)).toBe('7 days')
})

test('the calculator sends numbers, leaves blanks for the service to name, and refuses text', () => {
  expect(buildCalculatorRequest(defaultCalculatorFields)).toEqual({
    body: { model: 'bsm', right: 'call', spot: 100, strike: 100, years: 0.25, rate: 0.05, dividendYield: 0, volatility: 0.2 },
  })
  const fromPrice = buildCalculatorRequest({ ...defaultCalculatorFields, solveFrom: 'price', price: '4.5', spot: '' })
  expect(fromPrice.body).toEqual({ model: 'bsm', right: 'call', strike: 100, years: 0.25, rate: 0.05, dividendYield: 0, price: 4.5 })
  expect(buildCalculatorRequest({ ...defaultCalculatorFields, strike: 'abc' })).toEqual({ errors: { strike: 'strike must be a number.' } })
})
