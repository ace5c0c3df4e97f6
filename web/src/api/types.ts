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
  assetType: 'equity' | 'option' | 'future'
  multiplier: number
  quantity: number
  averageCost: number
  mark: number
  markSource: 'quote' | 'cost'
  marketValue: number
  unrealizedPnl: number
}

export type OrderStatus = 'pending' | 'submitted' | 'partially_filled' | 'cancel_requested' | 'filled' | 'cancelled' | 'rejected' | 'expired'

/** GET /api/orders */
export interface Order {
  id: string
  accountId: string
  strategyId: string | null
  symbol: string
  side: 'buy' | 'sell'
  type: 'market' | 'limit' | 'stop' | 'stop_limit'
  timeInForce: 'day' | 'gtc' | 'ioc'
  quantity: number
  limitPrice: number | null
  stopPrice: number | null
  status: OrderStatus
  filledQuantity: number
  averageFillPrice: number | null
  rejectCode: string | null
  createdAt: string
}

/** A strategy's life cycle (GET /api/strategies). */
export type StrategyStatus = 'stopped' | 'warming_up' | 'running' | 'error'

/** One position of a strategy's own book, from the fills of its orders. */
export interface StrategyPosition {
  symbol: string
  /** Signed: positive long, negative short. */
  quantity: number
  averageCost: number
  realizedPnl: number
  /** Latest quote mid, else the latest bar close; null when neither was seen (or the strategy is not running here). */
  mark: number | null
  unrealizedPnl: number
}

export interface StrategyRuntime {
  listening: boolean
  barsProcessed: number
  signalsSent: number
  signalsSuppressed: number
  lastBarAt: string | null
  positions: StrategyPosition[]
  pnl: { realized: number; unrealized: number; fees: number; total: number }
}

/** GET /api/strategies, GET /api/strategies/{id}, and the answer of start/stop. */
export interface Strategy {
  id: string
  kind: string
  accountId: string
  symbols: string[]
  parameters: Record<string, unknown>
  resolution: '1m' | '1d'
  enabled: boolean
  mode: string | null
  status: StrategyStatus
  lastError: string | null
  errorAt: string | null
  statusChangedAt: string | null
  /** Null when the definition is invalid. */
  warmupBars: number | null
  createdAt: string
  updatedAt: string
  runtime: StrategyRuntime
}

/** One item of GET /api/strategies/{id}/signals (newest first). */
export interface Signal {
  id: string
  strategyId: string
  symbol: string
  side: 'buy' | 'sell'
  quantity: number
  orderType: 'market' | 'limit' | 'stop' | 'stop_limit'
  limitPrice: number | null
  /** The trigger of a stop or stop-limit signal. */
  stopPrice: number | null
  reason: string
  time: string
  factorScores: Record<string, number>
  orderId: string | null
  /** The order's status (submitted, rejected, …), or submitting, invalid, send_failed. */
  orderStatus: string | null
  rejectCode: string | null
  error: string | null
  createdAt: string
}

/** GET /api/strategies/{id}/signals */
export interface SignalPage {
  items: Signal[]
  nextCursor: string | null
}

/** GET /api/market/instruments */
export interface Instrument {
  symbol: string
  assetClass: 'equity' | 'option' | 'future' | string
  multiplier: number
  tickSize: number
  currency: string
  exchange: string
  underlying: string | null
  expiry: string | null
  strike: number | null
  right: string | null
  createdAt: string
  updatedAt: string | null
}

/** The latest quote of a symbol; `time` is the event time staleness is measured from. */
export interface Quote {
  symbol: string
  bid: number
  ask: number
  last: number | null
  bidSize: number
  askSize: number
  time: string
  mid: number
}

/** GET /api/market/quotes/{symbol} (404 while the symbol has no quote yet). */
export interface QuoteView {
  quote: Quote
  ageSeconds: number
  stale: boolean
}

/** An OHLCV bar over [start, end) in UTC. */
export interface Bar {
  symbol: string
  resolution: '1m' | '1d'
  start: string
  end: string
  open: number
  high: number
  low: number
  close: number
  volume: number
}

/** GET /api/market/bars/{symbol} */
export interface BarPage {
  items: Bar[]
  nextCursor: string | null
}
