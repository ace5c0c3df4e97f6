/** Risk's Greeks API (docs/api/greeks.md), as the Greeks page reads it. */

export interface DollarGreeks {
  dollarDelta: number
  gammaDollar: number
  vegaPer1Pct: number
  thetaPerDay: number
  gammaPnl1Pct: number
}

export interface GreeksAggregate {
  greeks: DollarGreeks
  coveragePct: number
  isCoverageSufficient: boolean
  validLegs: number
  totalLegs: number
  validNotional: number
  totalNotional: number
  asOf: string
  stalenessSeconds: number
  isStale: boolean
}

export interface PositionGreeks {
  symbol: string
  strategyId: string | null
  underlying: string
  kind: string
  quantity: number
  multiplier: number
  valid: boolean
  greeks: DollarGreeks
  underlyingPrice: number | null
  volatility: number | null
  volatilitySource: string | null
  asOf: string | null
  warning: string | null
}

/** GET /api/greeks/accounts/{id}, and the greeks:updates message. */
export interface AccountGreeks {
  accountId: string
  computedAt: string
  account: GreeksAggregate
  strategies: Record<string, GreeksAggregate>
  underlyings: Record<string, GreeksAggregate>
  positions: PositionGreeks[]
}

export interface GreekLevels {
  warn: number
  crit: number
  hard: number
}

/** The four limited dimensions. */
export type LimitedGreek = 'dollarDelta' | 'gammaDollar' | 'vegaPer1Pct' | 'thetaPerDay'

export type GreeksLimits = Record<LimitedGreek, GreekLevels>

/** GET /api/greeks/accounts/{id}/limits */
export interface GreeksLimitsView {
  accountId: string
  limits: GreeksLimits
  isDefault: boolean
  updatedAt: string | null
  updatedBy: string | null
}

export interface HistoryPoint {
  time: string
  greeks: DollarGreeks
  coveragePct: number
  pointCount: number
}

/** GET /api/greeks/accounts/{id}/history */
export interface GreeksHistory {
  accountId: string
  scope: string
  scopeId: string
  window: string
  bucket: string
  points: HistoryPoint[]
}

/** One item of GET /api/greeks/accounts/{id}/alerts. */
export interface GreeksAlert {
  alertId: string
  scope: string
  scopeId: string
  metric: string
  level: string
  value: number
  threshold: number
  message: string
  createdAt: string
  acknowledgedAt: string | null
  acknowledgedBy: string | null
}

export interface GreeksScenario {
  shock: string
  shockPct: number
  pnlFromDelta: number
  pnlFromGamma: number
  pnlImpact: number
  deltaChange: number
  newDollarDelta: number
  breachLevel: string
}

/** GET /api/greeks/accounts/{id}/scenario */
export interface ScenarioView {
  accountId: string
  scope: string
  scopeId: string
  current: DollarGreeks
  scenarios: Record<string, GreeksScenario>
}
