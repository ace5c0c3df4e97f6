/**
 * The backtest service's shapes (docs/api/backtest.md). A job's `request` and `result` are free JSON in the OpenAPI
 * document (JsonElement), so their shapes are written here from the service's records (RunRequest, RunResult,
 * SweepResult, WalkForwardResult); backtest/contract.ts checks the typed parts against the generated schema.
 */
export type JobKind = 'backtest' | 'sweep' | 'walk_forward'
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled'

export type ParameterValue = number | string | boolean

export interface CostsRequest {
  feeModel?: string | null
  feeRate?: number | null
  slippageModel?: string | null
  slippageBps?: number | null
  priceImpact?: number | null
  volumeLimit?: number | null
}

/** POST /api/backtest/runs (and the `base` of a sweep or walk-forward). */
export interface RunRequest {
  strategy: string
  parameters: Record<string, ParameterValue>
  symbols: string[]
  start: string
  end: string
  resolution: 'daily' | 'minute'
  capital: number
  costs: CostsRequest
  benchmark: string
  fillModel: string
  account?: string
  sizing?: { fraction: number; cashBuffer?: number } | null
}

export interface SweepRequest {
  base: RunRequest
  grid: Record<string, ParameterValue[]>
  rankBy: string
}

export interface WalkForwardRequest {
  base: RunRequest
  grid?: Record<string, ParameterValue[]>
  metric: string
}

/** A job as GET /api/backtest/jobs/{id} answers (lists leave `result` null). */
export interface Job {
  id: string
  kind: JobKind
  status: JobStatus
  progress: number
  worker: string | null
  strategy: string
  parentId: string | null
  sweepIndex: number | null
  submittedAt: string
  startedAt: string | null
  completedAt: string | null
  error: string | null
  /** The normalised request: a run request, or {base, grid, rankBy|metric}. */
  request: unknown
  result: unknown
}

export interface JobPage {
  items: Job[]
  nextCursor: string | null
}

/** Redis backtest:progress, relayed by the gateway's /hubs/live. */
export interface JobProgress {
  id: string
  kind: JobKind
  status: JobStatus
  progress: number
  worker: string | null
}

/** PerformanceReport (docs/backtest-metrics.md). Ratios are fractions (0.12 = 12 %). */
export interface Statistics {
  periods: number
  totalReturn: number
  cagr: number
  annualVolatility: number
  sharpe: number
  sortino: number
  maxDrawdown: number
  maxDrawdownDuration: number
  calmar: number
  trades: number
  winRate: number
  profitFactor: number | null
  expectancy: number
  averageWin: number
  averageLoss: number
  turnover: number
  exposure: number
  timeInMarket: number
  valueAtRisk95: number
  valueAtRisk99: number
}

export interface BenchmarkSummary {
  symbol: string
  alignedPoints: number
  totalReturn: number
  alpha: number
  beta: number
  informationRatio: number
  trackingError: number
  treynor: number
  upCapture: number
  downCapture: number
}

export interface RunSummary {
  initialCapital: number
  finalEquity: number
  finalCash: number
  barEvents: number
  warmupBarsRequired: number
  warmupBarsUsed: number
  signals: number
  signalsDroppedInWarmup: number
  fills: number
  rejected: number
}

export interface EquityPoint { time: string; equity: number; cash: number; longValue: number; shortValue: number }
export interface BenchmarkPoint { time: string; value: number }
export interface DrawdownPoint { time: string; drawdown: number }

export interface RoundTrip {
  symbol: string
  direction: 'long' | 'short'
  entryTime: string
  entryPrice: number
  exitTime: string | null
  exitPrice: number | null
  quantity: number
  fees: number
  pnl: number
  isOpen: boolean
}

export interface SignalTrace {
  signalId: string
  signalTime: string
  symbol: string
  side: 'buy' | 'sell'
  orderType: string
  requestedQuantity: number
  orderQuantity: number
  reason: string
  status: 'filled' | 'rejected' | 'unfilled'
  rejectReason: string | null
  fillTime: string | null
  fillPrice: number | null
  expectedPrice: number | null
  expectedPriceType: string
  slippageBps: number | null
  fee: number | null
}

export interface RunResult {
  summary: RunSummary
  statistics: Statistics
  benchmark: BenchmarkSummary | null
  equityCurve: EquityPoint[]
  benchmarkCurve: BenchmarkPoint[]
  drawdown: DrawdownPoint[]
  trades: RoundTrip[]
  fills: unknown[]
  positions: unknown[]
  traces: SignalTrace[]
}

export interface RankedRun {
  rank: number
  jobId: string
  index: number
  parameters: Record<string, ParameterValue>
  metric: number
  statistics: Statistics
  benchmark: BenchmarkSummary | null
  worker: string | null
}

export interface UnfinishedRun {
  jobId: string
  index: number
  parameters: Record<string, ParameterValue>
  status: JobStatus
  error: string | null
  worker: string | null
}

export interface SweepResult {
  rankBy: string
  total: number
  completed: number
  failed: number
  cancelled: number
  ranked: RankedRun[]
  unfinished: UnfinishedRun[]
  runsByWorker: Record<string, number>
}

export interface WindowResult {
  start: string
  end: string
  points: number
  metric: number
  metrics: Statistics
  benchmark: BenchmarkSummary | null
}

export interface StabilityResult {
  perturbation: string
  parameter: string
  level: number
  parameters: Record<string, ParameterValue>
  metric: number | null
  deviation: number | null
  withinTolerance: boolean | null
  error: string | null
}

export interface WalkForwardResult {
  accepted: boolean
  reasons: string[]
  metric: string
  best: { parameters: Record<string, ParameterValue>; trainMetric: number }
  train: WindowResult
  validation: WindowResult
  test: WindowResult
  degradation: { trainToValidation: number; validationToTest: number }
  stability: StabilityResult[]
  candidates: { parameters: Record<string, ParameterValue>; metric: number | null; error: string | null }[]
}

export const isFinal = (status: JobStatus) => status === 'completed' || status === 'failed' || status === 'cancelled'
