/** The derivatives service's answers (docs/api/derivatives.md), as the Derivatives page reads them. */

export type ExpirySeverity = 'critical' | 'warning' | 'info'

/** One item of GET /api/derivatives/expiring. */
export interface ExpiringContract {
  symbol: string
  underlying: string
  contractType: string
  expiry: string
  daysToExpiry: number
  severity: ExpirySeverity
  strike: number | null
  right: string | null
  style: string | null
  multiplier: number
}

/** GET /api/derivatives/expiring?days= */
export interface ExpiringList {
  asOf: string
  days: number
  total: number
  contracts: ExpiringContract[]
}

/** One item of GET /api/derivatives/expirations: what expiration processing or an assignment did to a position. */
export interface ExpirationAction {
  id: string
  bookingId: string
  accountId: string
  strategyId: string | null
  symbol: string
  contractType: string
  underlying: string
  expiry: string
  kind: string
  quantity: number
  strike: number | null
  underlyingPrice: number | null
  shareQuantity: number
  cashChange: number
  status: string
  detail: string | null
  processedAt: string
}

export interface RollLeg {
  symbol: string
  side: string
  quantity: number
  purpose: string
}

/** One item of GET /api/derivatives/roll/plan. */
export interface RollPlan {
  accountId: string
  strategyId: string | null
  root: string
  fromSymbol: string
  toSymbol: string
  expiry: string
  rollDate: string
  daysToExpiry: number
  due: boolean
  strategy: 'calendar_spread' | 'close_open'
  quantity: number
  multiplier: number
  legs: RollLeg[]
}

export interface RollOrder {
  symbol: string
  side: string
  quantity: number
  purpose: string
  idempotencyKey: string
  orderId: string | null
  status: string
  rejectCode: string | null
  error: string | null
}

/** One item of POST /api/derivatives/roll/execute. */
export interface RollExecution {
  plan: RollPlan
  orders: RollOrder[]
}

/** POST /api/derivatives/calculator: per unit of underlying. */
export interface CalculatorResult {
  price: number
  delta: number
  gamma: number
  vega: number
  theta: number
  thetaPerDay: number
  rho: number
  impliedVolatility: number
}
