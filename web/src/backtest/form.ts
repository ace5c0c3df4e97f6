import type { ParameterValue, RunRequest, SweepRequest, WalkForwardRequest } from './types'

/** What the backtest form submits: one run, a parameter sweep or a walk-forward validation. */
export type FormMode = 'run' | 'sweep' | 'walk_forward'

/** One editable row of parameters (name = value) or of a grid (name = comma-separated values). */
export interface ParamRow {
  name: string
  value: string
}

/** The form as typed: strings from inputs, parsed only when built. */
export interface BacktestFields {
  mode: FormMode
  strategy: string
  parameters: ParamRow[]
  grid: ParamRow[]
  symbols: string
  start: string
  end: string
  resolution: 'daily' | 'minute'
  capital: string
  feeModel: string
  feeRate: string
  slippageModel: string
  slippageBps: string
  priceImpact: string
  volumeLimit: string
  fillModel: string
  benchmark: string
  sizingFraction: string
  /** rankBy (sweep) or metric (walk-forward). */
  metric: string
}

export const feeModels = ['per_share', 'per_order', 'percent', 'ibkr_fixed', 'none'] as const
export const slippageModels = ['fixed_bps', 'volume_share', 'none'] as const
export const fillModels = ['next_bar_open', 'bar_close', 'quote'] as const
/** Metrics where lower is better; a walk-forward judges only by the others (docs/api/backtest.md). */
export const lowerIsBetter = new Set(['max_drawdown', 'annual_volatility', 'value_at_risk_95'])

/** The fee rate's unit per fee model (the service's defaults in the placeholder). */
export const feeRateHint: Record<string, { unit: string; placeholder: string } | undefined> = {
  per_share: { unit: '$ / share', placeholder: '0.005' },
  per_order: { unit: '$ / fill', placeholder: '1' },
  percent: { unit: 'fraction of value', placeholder: '0.001' },
}

/**
 * Starting parameters per strategy kind, the catalog's documented defaults (docs/api/strategies.md), so a new form is
 * ready to run; the service's catalog checks them. A kind not listed starts with no rows.
 */
export const starterParameters: Record<string, ParamRow[]> = {
  sma_crossover: [
    { name: 'fastWindow', value: '10' }, { name: 'slowWindow', value: '30' }, { name: 'quantity', value: '100' }, { name: 'mode', value: 'long_flat' },
  ],
  momentum: [{ name: 'lookbackPeriod', value: '20' }, { name: 'threshold', value: '0.02' }, { name: 'positionSize', value: '100' }],
  trend_breakout: [
    { name: 'lookback', value: '20' }, { name: 'entryThreshold', value: '0' }, { name: 'exitThreshold', value: '-0.02' },
    { name: 'positionSize', value: '100' },
  ],
}

/** A sweep grid to start from per kind (the first two numeric parameters around their defaults). */
export const starterGrid: Record<string, ParamRow[]> = {
  sma_crossover: [{ name: 'fastWindow', value: '5, 10, 15' }, { name: 'slowWindow', value: '30, 40' }],
  momentum: [{ name: 'lookbackPeriod', value: '10, 20, 30' }, { name: 'threshold', value: '0.01, 0.02' }],
  trend_breakout: [{ name: 'lookback', value: '10, 20, 30' }],
}

export function defaultFields(strategy = ''): BacktestFields {
  return {
    mode: 'run', strategy, parameters: starterParameters[strategy] ?? [], grid: starterGrid[strategy] ?? [],
    symbols: '', start: '', end: '', resolution: 'daily', capital: '100000',
    feeModel: 'per_share', feeRate: '', slippageModel: 'fixed_bps', slippageBps: '5', priceImpact: '', volumeLimit: '',
    fillModel: 'next_bar_open', benchmark: 'SPY', sizingFraction: '', metric: 'sharpe',
  }
}

/** A typed value as JSON: a number when it reads as one, true/false, else the text (e.g. mode = long_short). */
export function parseValue(text: string): ParameterValue {
  const t = text.trim()
  if (t === 'true') return true
  if (t === 'false') return false
  if (t !== '' && Number.isFinite(Number(t))) return Number(t)
  return t
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))

/** A number from an optional input: undefined when empty, NaN when not a number. */
function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim())
}

type Built<T> = { body: T; errors: null } | { body: null; errors: Record<string, string> }

/**
 * The run request, or the errors per field (keys as the form names them: strategy, symbols, start, end, capital,
 * parameters, costs, sizing). Mirrors the service's simple checks so a missing date is caught before sending; the
 * service still decides (its ProblemDetails are shown by field through {@link fieldOfServerError}).
 */
export function buildRunRequest(f: BacktestFields): Built<RunRequest> {
  const errors: Record<string, string> = {}
  if (!f.strategy) errors.strategy = 'Choose a strategy.'
  const symbols = [...new Set(f.symbols.split(/[\s,]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))]
  if (symbols.length === 0) errors.symbols = 'Give at least one symbol.'
  if (!isDate(f.start)) errors.start = 'The start date is required (yyyy-mm-dd).'
  if (!isDate(f.end)) errors.end = 'The end date is required (yyyy-mm-dd).'
  else if (isDate(f.start) && f.end < f.start) errors.end = 'The end is before the start.'
  const capital = Number(f.capital.trim())
  if (f.capital.trim() === '' || !Number.isFinite(capital) || capital <= 0) errors.capital = 'The capital must be a positive number.'

  const parameters: Record<string, ParameterValue> = {}
  for (const row of f.parameters) {
    const name = row.name.trim()
    if (!name && !row.value.trim()) continue
    if (!name) errors.parameters = 'Every parameter needs a name.'
    else if (row.value.trim() === '') errors.parameters = `Give a value for ${name}.`
    else if (name in parameters) errors.parameters = `${name} is given twice.`
    else parameters[name] = parseValue(row.value)
  }

  const costs: RunRequest['costs'] = { feeModel: f.feeModel, slippageModel: f.slippageModel }
  const feeRate = feeRateHint[f.feeModel] ? optionalNumber(f.feeRate) : undefined
  if (feeRate !== undefined) {
    if (!Number.isFinite(feeRate) || feeRate < 0) errors.costs = 'The fee rate must be a number, zero or more.'
    else costs.feeRate = feeRate
  }
  if (f.slippageModel === 'fixed_bps') {
    const bps = optionalNumber(f.slippageBps)
    if (bps !== undefined && (!Number.isFinite(bps) || bps < 0 || bps > 10_000)) errors.costs = 'The slippage must be from 0 to 10000 bps.'
    else if (bps !== undefined) costs.slippageBps = bps
  } else if (f.slippageModel === 'volume_share') {
    const impact = optionalNumber(f.priceImpact)
    const limit = optionalNumber(f.volumeLimit)
    if (impact !== undefined && (!Number.isFinite(impact) || impact < 0)) errors.costs = 'The price impact must be a number, zero or more.'
    else if (impact !== undefined) costs.priceImpact = impact
    if (limit !== undefined && (!Number.isFinite(limit) || limit <= 0 || limit > 1)) errors.costs = 'The volume limit must be in (0, 1].'
    else if (limit !== undefined) costs.volumeLimit = limit
  }

  const fraction = optionalNumber(f.sizingFraction)
  if (fraction !== undefined && (!Number.isFinite(fraction) || fraction <= 0 || fraction > 10)) {
    errors.sizing = 'The fraction of equity must be in (0, 10].'
  }

  if (Object.keys(errors).length > 0) return { body: null, errors }
  const benchmark = f.benchmark.trim() === '' || f.benchmark.trim().toLowerCase() === 'none' ? 'none' : f.benchmark.trim().toUpperCase()
  return {
    body: {
      strategy: f.strategy, parameters, symbols, start: f.start, end: f.end, resolution: f.resolution, capital, costs, benchmark,
      fillModel: f.fillModel, ...(fraction !== undefined ? { sizing: { fraction } } : {}),
    },
    errors: null,
  }
}

/** The grid rows as {name: [values…]}; errors under `grid`. Empty rows are skipped. */
export function buildGrid(rows: ParamRow[]): { grid: Record<string, ParameterValue[]>; error: string | null } {
  const grid: Record<string, ParameterValue[]> = {}
  for (const row of rows) {
    const name = row.name.trim()
    if (!name && !row.value.trim()) continue
    const values = row.value.split(',').map((v) => v.trim()).filter(Boolean).map(parseValue)
    if (!name) return { grid, error: 'Every grid row needs a parameter name.' }
    if (values.length === 0) return { grid, error: `Give the values of ${name} to try, separated by commas.` }
    if (name in grid) return { grid, error: `${name} is in the grid twice.` }
    grid[name] = values
  }
  return { grid, error: null }
}

/** How many runs a grid makes (the cartesian product). */
export const gridSize = (grid: Record<string, ParameterValue[]>) =>
  Object.values(grid).reduce((n, values) => n * values.length, Object.keys(grid).length === 0 ? 0 : 1)

export type Submission =
  | { path: '/api/backtest/runs'; body: RunRequest }
  | { path: '/api/backtest/sweeps'; body: SweepRequest }
  | { path: '/api/backtest/walk-forwards'; body: WalkForwardRequest }

/** The request the form's mode sends, or the errors per form field. */
export function buildSubmission(f: BacktestFields): { submission: Submission; errors: null } | { submission: null; errors: Record<string, string> } {
  const run = buildRunRequest(f)
  const errors: Record<string, string> = { ...(run.errors ?? {}) }
  if (f.mode === 'run') {
    return run.body ? { submission: { path: '/api/backtest/runs', body: run.body }, errors: null } : { submission: null, errors }
  }
  const { grid, error } = buildGrid(f.grid)
  if (error) errors.grid = error
  else if (f.mode === 'sweep' && Object.keys(grid).length === 0) errors.grid = 'A sweep needs at least one parameter with values to try.'
  if (!f.metric) errors.metric = 'Choose a metric.'
  if (Object.keys(errors).length > 0 || !run.body) return { submission: null, errors }
  return f.mode === 'sweep'
    ? { submission: { path: '/api/backtest/sweeps', body: { base: run.body, grid, rankBy: f.metric } }, errors: null }
    : {
        submission: {
          path: '/api/backtest/walk-forwards',
          body: { base: run.body, ...(Object.keys(grid).length > 0 ? { grid } : {}), metric: f.metric },
        },
        errors: null,
      }
}

/**
 * The form field a ProblemDetails error key belongs to: `base.` dropped (sweeps and walk-forwards), `symbols[1]` →
 * symbols, `parameters.fastWindow` → parameters, `costs.feeRate` → costs, `grid.fastWindow` → grid, `rankBy` → metric.
 * Keys the form has no field for come back as they are (shown with the form's message).
 */
export function fieldOfServerError(key: string): string {
  const k = key.startsWith('base.') ? key.slice(5) : key
  const head = k.split(/[.[]/)[0]
  if (head === 'rankBy') return 'metric'
  if (head === 'maxLeverage' || head === 'account') return 'account'
  return head
}

/** Server validation errors by form field, messages joined. */
export function serverFieldErrors(errors: Record<string, string[]>): Record<string, string> {
  const byField: Record<string, string> = {}
  for (const [key, messages] of Object.entries(errors)) {
    const field = fieldOfServerError(key)
    byField[field] = [byField[field], ...messages].filter(Boolean).join(' ')
  }
  return byField
}
