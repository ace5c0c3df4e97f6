import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { renderAt, serve } from '../test/serve'
import { fakeLive } from '../test/setup'
import type { Job, RunResult, Statistics, SweepResult, WalkForwardResult } from '../backtest/types'

class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
beforeEach(() => vi.stubGlobal('ResizeObserver', NoResize))
afterEach(() => vi.unstubAllGlobals())

const runRequest = {
  strategy: 'sma_crossover', parameters: { fastWindow: 10, slowWindow: 30 }, symbols: ['AAPL'], start: '2019-01-02', end: '2020-12-31',
  resolution: 'daily', capital: 100000, costs: { feeModel: 'per_share', feeRate: 0.005, slippageModel: 'fixed_bps', slippageBps: 5 },
  benchmark: 'SPY', fillModel: 'next_bar_open', account: 'cash', sizing: null, adjusted: true,
}

const job = (patch: Partial<Job> = {}): Job => ({
  id: 'job-1', kind: 'backtest', status: 'queued', progress: 0, worker: null, strategy: 'sma_crossover', parentId: null, sweepIndex: null,
  submittedAt: '2026-01-01T14:00:00Z', startedAt: null, completedAt: null, error: null, request: runRequest, result: null, ...patch,
})

const stats: Statistics = {
  periods: 505, totalReturn: 0.1834, cagr: 0.0875, annualVolatility: 0.1523, sharpe: 0.6412, sortino: 0.9, maxDrawdown: 0.1932,
  maxDrawdownDuration: 121, calmar: 0.45, trades: 2, winRate: 0.5, profitFactor: 1.8, expectancy: 812.5, averageWin: 2500,
  averageLoss: -1300, turnover: 3.2, exposure: 0.61, timeInMarket: 0.64, valueAtRisk95: 0.021, valueAtRisk99: 0.038,
}

const result: RunResult = {
  summary: { initialCapital: 100000, finalEquity: 118340, finalCash: 118340, barEvents: 505, warmupBarsRequired: 30, warmupBarsUsed: 30,
    signals: 4, signalsDroppedInWarmup: 0, fills: 4, rejected: 0 },
  statistics: stats,
  benchmark: { symbol: 'SPY', alignedPoints: 3, totalReturn: 0.4411, alpha: -0.031, beta: 0.52, informationRatio: -0.4, trackingError: 0.12,
    treynor: 0.1, upCapture: 0.55, downCapture: 0.61 },
  equityCurve: [
    { time: '2019-01-02T21:00:00Z', equity: 100000, cash: 100000, longValue: 0, shortValue: 0 },
    { time: '2019-06-03T20:00:00Z', equity: 95000, cash: 0, longValue: 95000, shortValue: 0 },
    { time: '2020-12-31T21:00:00Z', equity: 118340, cash: 118340, longValue: 0, shortValue: 0 },
  ],
  benchmarkCurve: [
    { time: '2019-01-02T21:00:00Z', value: 100000 }, { time: '2019-06-03T20:00:00Z', value: 110000 }, { time: '2020-12-31T21:00:00Z', value: 144110 },
  ],
  drawdown: [
    { time: '2019-01-02T21:00:00Z', drawdown: 0 }, { time: '2019-06-03T20:00:00Z', drawdown: 0.05 }, { time: '2020-12-31T21:00:00Z', drawdown: 0 },
  ],
  trades: [
    { symbol: 'AAPL', direction: 'long', entryTime: '2019-02-04T14:30:00Z', entryPrice: 42.5, exitTime: '2019-05-10T14:30:00Z', exitPrice: 49.25,
      quantity: 2000, fees: 20, pnl: 13480, isOpen: false },
    { symbol: 'AAPL', direction: 'long', entryTime: '2020-06-01T14:30:00Z', entryPrice: 80, exitTime: null, exitPrice: null,
      quantity: 1000, fees: 5, pnl: -1305, isOpen: true },
  ],
  fills: [], positions: [],
  traces: [
    { signalId: 's1', signalTime: '2019-02-01T21:00:00Z', symbol: 'AAPL', side: 'buy', orderType: 'market', requestedQuantity: 100, orderQuantity: 2000,
      reason: 'golden cross', status: 'filled', rejectReason: null, fillTime: '2019-02-04T14:30:00Z', fillPrice: 42.52, expectedPrice: 42.5,
      expectedPriceType: 'next_bar_open', slippageBps: 4.71, fee: 10 },
    { signalId: 's2', signalTime: '2019-05-09T20:00:00Z', symbol: 'AAPL', side: 'sell', orderType: 'market', requestedQuantity: 2000, orderQuantity: 2000,
      reason: 'death cross', status: 'rejected', rejectReason: 'insufficient cash', fillTime: null, fillPrice: null, expectedPrice: null,
      expectedPriceType: 'next_bar_open', slippageBps: null, fee: null },
  ],
}

const base = () => ({
  'GET /api/strategies/kinds': () => ({ status: 200, body: ['momentum', 'trend_breakout', 'sma_crossover'] }),
  'GET /api/backtest/metrics': () => ({ status: 200, body: ['calmar', 'max_drawdown', 'sharpe', 'sortino'] }),
})

async function fillForm() {
  const form = await screen.findByRole('form', { name: 'Backtest' })
  await waitFor(() => expect(within(form).getByLabelText('Strategy')).toHaveValue('sma_crossover'))
  await userEvent.type(within(form).getByLabelText('Symbols'), 'aapl')
  await userEvent.type(within(form).getByLabelText('Start'), '2019-01-02')
  await userEvent.type(within(form).getByLabelText('End'), '2020-12-31')
  return form
}

test('the form checks its fields before sending, then shows the service\'s ProblemDetails by field', async () => {
  const calls = serve({
    ...base(),
    'GET /api/backtest/jobs?limit=100': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'POST /api/backtest/runs': () => ({
      status: 422,
      body: {
        title: 'No data for the request', status: 422, detail: 'The backtest cannot run without bars of every symbol in the range.',
        errors: { 'symbols[0]': ['Market data has no daily bars of AAPL between 2019-01-02 and 2020-12-31; import them first.'] },
      },
    }),
  })
  await renderAt('/backtest')
  const form = await screen.findByRole('form', { name: 'Backtest' })
  expect(await screen.findByText('No backtests yet.')).toBeInTheDocument()
  await waitFor(() => expect(within(form).getByLabelText('Strategy')).toHaveValue('sma_crossover'))
  // The catalog's starting parameters for the kind.
  expect(within(form).getByLabelText('parameters name 1')).toHaveValue('fastWindow')
  expect(within(form).getByLabelText('parameters value 1')).toHaveValue('10')

  await userEvent.click(screen.getByTestId('backtest-submit'))
  expect(screen.getByTestId('error-symbols')).toHaveTextContent('Give at least one symbol.')
  expect(screen.getByTestId('error-start')).toHaveTextContent('The start date is required')
  expect(calls.some((c) => c.key === 'POST /api/backtest/runs')).toBe(false)

  await userEvent.type(within(form).getByLabelText('Symbols'), 'aapl')
  await userEvent.type(within(form).getByLabelText('Start'), '2019-01-02')
  await userEvent.type(within(form).getByLabelText('End'), '2020-12-31')
  await userEvent.click(screen.getByTestId('backtest-submit'))

  const alert = await screen.findByTestId('backtest-problem')
  expect(alert).toHaveTextContent('No data for the request: The backtest cannot run without bars of every symbol in the range.')
  expect(alert).toHaveTextContent('symbols[0]: Market data has no daily bars of AAPL')
  expect(screen.getByTestId('error-symbols')).toHaveTextContent('import them first')
  expect(calls.find((c) => c.key === 'POST /api/backtest/runs')?.body).toEqual({
    strategy: 'sma_crossover', parameters: { fastWindow: 10, slowWindow: 30, quantity: 100, mode: 'long_flat' }, symbols: ['AAPL'],
    start: '2019-01-02', end: '2020-12-31', resolution: 'daily', capital: 100000,
    costs: { feeModel: 'per_share', slippageModel: 'fixed_bps', slippageBps: 5 }, benchmark: 'SPY', fillModel: 'next_bar_open',
  })
})

test('a submitted run shows its progress from pushes, then its statistics, charts, trades and traces', async () => {
  let current = job()
  serve({
    ...base(),
    'GET /api/backtest/jobs?limit=100': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'POST /api/backtest/runs': () => ({ status: 202, body: job() }),
    'GET /api/backtest/jobs/job-1': () => ({ status: 200, body: current }),
  })
  await renderAt('/backtest')
  await fillForm()
  await userEvent.click(screen.getByTestId('backtest-submit'))

  const detail = await screen.findByTestId('job-detail')
  expect(within(detail).getByTestId('job-status')).toHaveTextContent('queued')
  await waitFor(() => expect(fakeLive().subscribed('backtest:progress')).toBe(true))
  act(() => fakeLive().emit('backtest:progress', { id: 'job-1', kind: 'backtest', status: 'running', progress: 0.42, worker: 'host/1' }))
  await waitFor(() => expect(within(detail).getByTestId('job-status')).toHaveTextContent('running'))
  expect(within(detail).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '42')
  expect(within(screen.getByTestId('backtest-jobs')).getByTestId('job-job-1')).toHaveAttribute('data-status', 'running')

  current = job({ status: 'completed', progress: 1, worker: 'host/1', result })
  act(() => fakeLive().emit('backtest:progress', { id: 'job-1', kind: 'backtest', status: 'completed', progress: 1, worker: 'host/1' }))
  const stats = await screen.findByTestId('statistics')
  expect(within(stats).getByTestId('stat-totalReturn')).toHaveTextContent('+18.34%')
  expect(within(stats).getByTestId('stat-totalReturn')).toHaveTextContent('bench +44.11%')
  expect(within(stats).getByTestId('stat-sharpe')).toHaveTextContent('0.64')
  expect(within(stats).getByTestId('stat-maxDrawdown')).toHaveTextContent('-19.32%')
  expect(within(stats).getByTestId('stat-beta')).toHaveTextContent('0.52')
  expect(screen.getByTestId('final-equity')).toHaveTextContent('$118,340.00')
  expect(screen.getByTestId('run-summary')).toHaveTextContent('mean slippage 4.71 bps')
  expect(screen.getByTestId('equity-chart')).toHaveAttribute('aria-label', 'Equity from $100,000.00 to $118,340.00')
  expect(screen.getByTestId('drawdown-chart')).toHaveAttribute('aria-label', 'Drawdown, deepest -19.32%')
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()

  const trades = within(screen.getByTestId('trades')).getAllByRole('row').slice(1)
  expect(trades).toHaveLength(2)
  expect(trades[0]).toHaveTextContent('AAPL')
  expect(trades[0]).toHaveTextContent('$13,480.00')
  expect(trades[1]).toHaveTextContent('open')
  const traces = screen.getAllByTestId('trace')
  expect(traces[0]).toHaveTextContent('4.71 bps')
  expect(traces[1]).toHaveTextContent('rejected')
  expect(traces[1]).toHaveTextContent('insufficient cash')
})

test('a failed job shows its reason', async () => {
  serve({
    ...base(),
    'GET /api/backtest/jobs?limit=100': () => ({
      status: 200, body: { items: [job({ status: 'failed', error: 'Too little warm-up history before 1998-01-05.' })], nextCursor: null },
    }),
    'GET /api/backtest/jobs/job-1': () => ({ status: 200, body: job({ status: 'failed', error: 'Too little warm-up history before 1998-01-05.' }) }),
  })
  await renderAt('/backtest')
  expect(await screen.findByTestId('job-error')).toHaveTextContent('Too little warm-up history')
})

test('a sweep lists its ranking best first, hides its runs from the list, and opens a run', async () => {
  const sweepResult: SweepResult = {
    rankBy: 'sharpe', total: 2, completed: 2, failed: 0, cancelled: 0,
    ranked: [
      { rank: 1, jobId: 'run-b', index: 1, parameters: { fastWindow: 10 }, metric: 1.21, statistics: { ...stats, sharpe: 1.21 }, benchmark: null, worker: 'w1' },
      { rank: 2, jobId: 'run-a', index: 0, parameters: { fastWindow: 5 }, metric: 0.4, statistics: { ...stats, sharpe: 0.4 }, benchmark: null, worker: 'w2' },
    ],
    unfinished: [], runsByWorker: { w1: 1, w2: 1 },
  }
  const sweep = job({ id: 'sweep-1', kind: 'sweep', status: 'completed', progress: 1,
    request: { base: runRequest, grid: { fastWindow: [5, 10] }, rankBy: 'sharpe' } })
  const child = job({ id: 'run-b', parentId: 'sweep-1', sweepIndex: 1, status: 'completed', progress: 1 })
  serve({
    ...base(),
    'GET /api/backtest/jobs?limit=100': () => ({ status: 200, body: { items: [child, sweep], nextCursor: null } }),
    'GET /api/backtest/jobs/sweep-1': () => ({ status: 200, body: { ...sweep, result: sweepResult } }),
    'GET /api/backtest/jobs/run-b': () => ({ status: 200, body: { ...child, result } }),
  })
  await renderAt('/backtest')
  const ranking = await screen.findByTestId('sweep-ranking')
  expect(within(screen.getByTestId('backtest-jobs')).getAllByRole('row')).toHaveLength(2)
  expect(within(ranking).getByTestId('ranked-1')).toHaveTextContent('fastWindow=10')
  expect(within(ranking).getByTestId('ranked-1')).toHaveTextContent('1.21')
  expect(within(ranking).getByTestId('ranked-2')).toHaveTextContent('fastWindow=5')
  expect(screen.getByTestId('job-header')).toHaveTextContent('grid fastWindow∈{5,10}')

  await userEvent.click(within(within(ranking).getByTestId('ranked-1')).getByRole('button', { name: 'open' }))
  expect(await screen.findByTestId('run-result')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: '← back to its sweep' })).toBeInTheDocument()
})

test('a walk-forward shows its verdict, windows, degradation and stability; its metrics leave out lower-is-better ones', async () => {
  const window = (start: string, end: string, points: number, metric: number) =>
    ({ start, end, points, metric, metrics: { ...stats, sharpe: metric }, benchmark: null })
  const wf: WalkForwardResult = {
    accepted: false, reasons: ['Sharpe degraded 35.0 % train → validation, exceeds 20 %.'], metric: 'sharpe',
    best: { parameters: { fastWindow: 10, slowWindow: 50 }, trainMetric: 0.8 },
    train: window('2008-01-02', '2017-02-01', 2289, 0.8), validation: window('2017-02-02', '2019-01-03', 490, 0.52),
    test: window('2019-01-04', '2020-12-31', 491, 0.6),
    degradation: { trainToValidation: 0.35, validationToTest: -0.15 },
    stability: [{ perturbation: 'fastWindow+10%', parameter: 'fastWindow', level: 0.1, parameters: { fastWindow: 11, slowWindow: 50 },
      metric: 0.3, deviation: 0.42, withinTolerance: false, error: null }],
    candidates: [{ parameters: { fastWindow: 10, slowWindow: 50 }, metric: 0.8, error: null }],
  }
  const wfJob = job({ id: 'wf-1', kind: 'walk_forward', status: 'completed', progress: 1, request: { base: runRequest, metric: 'sharpe' } })
  serve({
    ...base(),
    'GET /api/backtest/jobs?limit=100': () => ({ status: 200, body: { items: [wfJob], nextCursor: null } }),
    'GET /api/backtest/jobs/wf-1': () => ({ status: 200, body: { ...wfJob, result: wf } }),
  })
  await renderAt('/backtest')
  const verdict = await screen.findByTestId('walk-forward-verdict')
  expect(verdict).toHaveTextContent('Rejected · best fastWindow=10 · slowWindow=50 · train Sharpe 0.80')
  expect(verdict).toHaveTextContent('exceeds 20 %')
  expect(screen.getByTestId('window-validation')).toHaveTextContent('2017-02-02 → 2019-01-03')
  expect(screen.getByTestId('window-validation')).toHaveTextContent('0.52')
  expect(screen.getByTestId('walk-forward-result')).toHaveTextContent('Degradation train → validation 35.0%')
  expect(within(screen.getByTestId('stability')).getByText('outside')).toBeInTheDocument()

  await userEvent.click(screen.getByRole('button', { name: 'Walk-forward' }))
  const options = within(screen.getByLabelText('Judge by')).getAllByRole('option').map((o) => o.getAttribute('value'))
  expect(options).toEqual(['calmar', 'sharpe', 'sortino'])
})
