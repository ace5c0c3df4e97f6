/** The order ticket's fields as typed (strings from inputs) and the request they make (POST /api/orders). */
export type OrderTypeName = 'market' | 'limit' | 'stop' | 'stop_limit'
export type TimeInForceName = 'day' | 'gtc' | 'ioc'

export interface TicketFields {
  accountId: string
  symbol: string
  side: 'buy' | 'sell'
  type: OrderTypeName
  timeInForce: TimeInForceName
  quantity: string
  limitPrice: string
  stopPrice: string
}

export interface SubmitOrderBody {
  accountId: string
  strategyId: null
  symbol: string
  side: 'buy' | 'sell'
  type: OrderTypeName
  timeInForce: TimeInForceName
  quantity: number
  limitPrice: number | null
  stopPrice: number | null
}

export const needsLimit = (type: OrderTypeName) => type === 'limit' || type === 'stop_limit'
export const needsStop = (type: OrderTypeName) => type === 'stop' || type === 'stop_limit'

function positive(text: string): number | null {
  if (text.trim() === '') return null
  const n = Number(text)
  return Number.isFinite(n) && n > 0 ? n : null
}

/**
 * The request body, or the errors per field. Mirrors the orders service's own checks (OrderTerms) so a trader hears
 * about a missing price before sending; the service still decides.
 */
export function buildOrder(fields: TicketFields): { body: SubmitOrderBody; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const symbol = fields.symbol.trim().toUpperCase()
  if (!symbol) errors.symbol = 'Enter a symbol.'
  const quantity = positive(fields.quantity)
  if (quantity === null) errors.quantity = 'Quantity must be a positive number.'
  const limitPrice = needsLimit(fields.type) ? positive(fields.limitPrice) : null
  if (needsLimit(fields.type) && limitPrice === null) errors.limitPrice = 'A limit price above zero is required.'
  const stopPrice = needsStop(fields.type) ? positive(fields.stopPrice) : null
  if (needsStop(fields.type) && stopPrice === null) errors.stopPrice = 'A stop price above zero is required.'
  if (fields.timeInForce === 'ioc' && needsStop(fields.type)) errors.timeInForce = 'IOC is only for market and limit orders.'
  if (Object.keys(errors).length > 0) return { body: null, errors }
  return {
    body: {
      accountId: fields.accountId, strategyId: null, symbol, side: fields.side, type: fields.type, timeInForce: fields.timeInForce,
      quantity: quantity!, limitPrice, stopPrice,
    },
    errors: null,
  }
}
