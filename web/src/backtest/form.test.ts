import { buildGrid, buildRunRequest, buildSubmission, defaultFields, fieldOfServerError, gridSize, parseValue, serverFieldErrors, type BacktestFields } from './form'

const filled = (patch: Partial<BacktestFields> = {}): BacktestFields => ({
  ...defaultFields('sma_crossover'), symbols: 'aapl, msft aapl', start: '2019-01-02', end: '2020-12-31', ...patch,
})

test('a filled form builds the run request: symbols upper-cased and de-duplicated, parameters typed, defaults sent', () => {
  const built = buildRunRequest(filled({ sizingFraction: '0.95', benchmark: 'spy' }))
  expect(built.errors).toBeNull()
  expect(built.body).toEqual({
    strategy: 'sma_crossover',
    parameters: { fastWindow: 10, slowWindow: 30, quantity: 100, mode: 'long_flat' },
    symbols: ['AAPL', 'MSFT'],
    start: '2019-01-02', end: '2020-12-31', resolution: 'daily', capital: 100000,
    costs: { feeModel: 'per_share', slippageModel: 'fixed_bps', slippageBps: 5 },
    benchmark: 'SPY', fillModel: 'next_bar_open', sizing: { fraction: 0.95 },
  })
})

test('an empty benchmark or "None" sends none; a fee rate goes only with a model that has one', () => {
  expect(buildRunRequest(filled({ benchmark: ' ' })).body?.benchmark).toBe('none')
  expect(buildRunRequest(filled({ benchmark: 'None' })).body?.benchmark).toBe('none')
  expect(buildRunRequest(filled({ feeModel: 'percent', feeRate: '0.002' })).body?.costs).toEqual(
    { feeModel: 'percent', feeRate: 0.002, slippageModel: 'fixed_bps', slippageBps: 5 })
  expect(buildRunRequest(filled({ feeModel: 'ibkr_fixed', feeRate: '7' })).body?.costs.feeRate).toBeUndefined()
  expect(buildRunRequest(filled({ slippageModel: 'volume_share', priceImpact: '0.2', volumeLimit: '0.05' })).body?.costs).toEqual(
    { feeModel: 'per_share', slippageModel: 'volume_share', priceImpact: 0.2, volumeLimit: 0.05 })
  expect(buildRunRequest(filled({ slippageModel: 'none', slippageBps: '5' })).body?.costs).toEqual({ feeModel: 'per_share', slippageModel: 'none' })
})

test('missing and inconsistent fields are named before anything is sent', () => {
  const built = buildRunRequest({ ...defaultFields(''), capital: '-5', end: '2020-01-01', start: '2020-02-01' })
  expect(built.body).toBeNull()
  expect(built.errors).toEqual({
    strategy: 'Choose a strategy.',
    symbols: 'Give at least one symbol.',
    end: 'The end is before the start.',
    capital: 'The capital must be a positive number.',
  })
  expect(buildRunRequest(filled({ start: '' })).errors).toEqual({ start: 'The start date is required (yyyy-mm-dd).' })
  expect(buildRunRequest(filled({ slippageBps: 'lots' })).errors).toEqual({ costs: 'The slippage must be from 0 to 10000 bps.' })
  expect(buildRunRequest(filled({ sizingFraction: '0' })).errors).toEqual({ sizing: 'The fraction of equity must be in (0, 10].' })
  expect(buildRunRequest(filled({ parameters: [{ name: 'fastWindow', value: '' }] })).errors).toEqual({ parameters: 'Give a value for fastWindow.' })
  expect(buildRunRequest(filled({ parameters: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] })).errors).toEqual({ parameters: 'a is given twice.' })
  // A blank row is ignored, not an error.
  expect(buildRunRequest(filled({ parameters: [{ name: ' ', value: '' }] })).body?.parameters).toEqual({})
})

test('parameter values are numbers, booleans or text', () => {
  expect(parseValue(' 12 ')).toBe(12)
  expect(parseValue('-0.02')).toBe(-0.02)
  expect(parseValue('true')).toBe(true)
  expect(parseValue('long_short')).toBe('long_short')
})

test('a sweep sends the run as base with its grid and rankBy; a walk-forward may go without a grid', () => {
  const sweep = buildSubmission(filled({ mode: 'sweep', grid: [{ name: 'fastWindow', value: '5, 10' }, { name: 'slowWindow', value: '30,40,50' }], metric: 'sortino' }))
  expect(sweep.submission?.path).toBe('/api/backtest/sweeps')
  expect(sweep.submission?.body).toMatchObject({ grid: { fastWindow: [5, 10], slowWindow: [30, 40, 50] }, rankBy: 'sortino', base: { symbols: ['AAPL', 'MSFT'] } })

  const wf = buildSubmission(filled({ mode: 'walk_forward', grid: [], metric: 'sharpe' }))
  expect(wf.submission?.path).toBe('/api/backtest/walk-forwards')
  expect(wf.submission?.body).toEqual({ base: buildRunRequest(filled()).body, metric: 'sharpe' })

  expect(buildSubmission(filled({ mode: 'sweep', grid: [] })).errors).toEqual({ grid: 'A sweep needs at least one parameter with values to try.' })
  expect(buildSubmission(filled({ mode: 'sweep', grid: [{ name: 'fastWindow', value: ' , ' }] })).errors)
    .toEqual({ grid: 'Give the values of fastWindow to try, separated by commas.' })
  expect(buildSubmission(filled({ mode: 'run' })).submission?.path).toBe('/api/backtest/runs')
})

test('the grid size is the product of the value counts', () => {
  expect(gridSize(buildGrid([{ name: 'a', value: '1,2,3' }, { name: 'b', value: '4,5' }]).grid)).toBe(6)
  expect(gridSize({})).toBe(0)
})

test('ProblemDetails keys map to the form field that shows them', () => {
  expect(fieldOfServerError('symbols[0]')).toBe('symbols')
  expect(fieldOfServerError('base.symbols[1]')).toBe('symbols')
  expect(fieldOfServerError('parameters.fastWindow')).toBe('parameters')
  expect(fieldOfServerError('base.end')).toBe('end')
  expect(fieldOfServerError('costs.feeRate')).toBe('costs')
  expect(fieldOfServerError('grid.fastWindow')).toBe('grid')
  expect(fieldOfServerError('rankBy')).toBe('metric')
  expect(serverFieldErrors({ 'symbols[0]': ['No bars of X.'], 'symbols[1]': ['No bars of Y.'], benchmark: ['No SPY.'] }))
    .toEqual({ symbols: 'No bars of X. No bars of Y.', benchmark: 'No SPY.' })
})
