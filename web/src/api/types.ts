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
  createdAt: string
  updatedAt: string
}
