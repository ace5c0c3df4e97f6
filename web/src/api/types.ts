/** GET /api/risk/state */
export interface TradingState {
  state: 'running' | 'paused' | 'reducing' | 'halted'
  since: string
  changedBy: string
  reason: string | null
  canResume: boolean
}

/** GET /api/{area}/info */
export interface ServiceInfo {
  service: string
  area: string
  version: string
  startedAt: string
  database: { name: string; appliedMigrations: string[] }
  outbox: { pending: number; oldestPendingAt: string | null }
}

/** GET /api/portfolio/accounts */
export interface Account {
  id: string
  name: string
  broker: string
  currency: string
  cash: number
  equity: number
  buyingPower: number
  marginUsed: number
  marketValue: number
  unrealizedPnl: number
  realizedPnl: number
  marksComplete: boolean
  startOfDayEquity: number
  dayPnl: number
  peakEquity: number
  updatedAt: string
}

/** GET /api/portfolio/accounts/{id}/positions */
export interface Position {
  accountId: string
  symbol: string
  strategyId: string | null
  assetType: string
  multiplier: number
  quantity: number
  averageCost: number
  mark: number
  markSource: 'quote' | 'cost'
  marketValue: number
  unrealizedPnl: number
}

/** GET /api/orders */
export interface Order {
  id: string
  accountId: string
  strategyId: string | null
  symbol: string
  side: 'buy' | 'sell'
  type: string
  timeInForce: string
  quantity: number
  limitPrice: number | null
  stopPrice: number | null
  status: string
  filledQuantity: number
  averageFillPrice: number | null
  rejectCode: string | null
  createdAt: string
}
