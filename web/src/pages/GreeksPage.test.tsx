import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { saveSession } from '../api/auth'
import { channels } from '../live/live'
import { fakeLive } from '../test/setup'
import type { AccountGreeks, GreeksAggregate, GreeksAlert, GreeksLimitsView, ScenarioView } from '../greeks/types'
import { renderAt, serve, type Handler } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const ok = (body: unknown) => () => ({ status: 200, body })

const aggregate = (dollarDelta: number, more: Partial<GreeksAggregate> = {}): GreeksAggregate => ({
  greeks: { dollarDelta, gammaDollar: 8_000, vegaPer1Pct: -1_500, thetaPerDay: -250, gammaPnl1Pct: 4 },
  coveragePct: 100, isCoverageSufficient: true, validLegs: 2, totalLegs: 2, validNotional: 1, totalNotional: 1,
  asOf: '2026-12-02T00:00:00Z', stalenessSeconds: 3, isStale: false, ...more,
})

const greeks = (dollarDelta: number): AccountGreeks => ({
  accountId: 'paper', computedAt: '2026-12-02T00:00:05Z', account: aggregate(dollarDelta),
  strategies: { 'opt-1': aggregate(dollarDelta - 10_000), _unassigned_: aggregate(10_000) },
  underlyings: { XYZ: aggregate(dollarDelta) },
  positions: [{
    symbol: 'XYZ270115C00100000', strategyId: 'opt-1', underlying: 'XYZ', kind: 'option', quantity: 10, multiplier: 100, valid: true,
    greeks: { dollarDelta: 60_000, gammaDollar: 8_000, vegaPer1Pct: -1_500, thetaPerDay: -250, gammaPnl1Pct: 4 },
    underlyingPrice: 105, volatility: 0.3, volatilitySource: 'default', asOf: '2026-12-02T00:00:00Z', warning: null,
  }, {
    symbol: 'NOQUOTE', strategyId: null, underlying: 'NOQUOTE', kind: 'stock', quantity: 5, multiplier: 1, valid: false,
    greeks: { dollarDelta: 0, gammaDollar: 0, vegaPer1Pct: 0, thetaPerDay: 0, gammaPnl1Pct: 0 },
    underlyingPrice: null, volatility: null, volatilitySource: null, asOf: null, warning: 'No quote for NOQUOTE.',
  }],
})

const limits: GreeksLimitsView = {
  accountId: 'paper', isDefault: true, updatedAt: null, updatedBy: null,
  limits: {
    dollarDelta: { warn: 100_000, crit: 150_000, hard: 200_000 },
    gammaDollar: { warn: 5_000, crit: 7_500, hard: 10_000 },
    vegaPer1Pct: { warn: 20_000, crit: 30_000, hard: 40_000 },
    thetaPerDay: { warn: 3_000, crit: 4_500, hard: 6_000 },
  },
}

const alert: GreeksAlert = {
  alertId: '6f1c7a43-2a36-4b6c-9d53-2f8e2f3f9a11', scope: 'account', scopeId: 'paper', metric: 'gamma_dollar', level: 'crit', value: 8_000,
  threshold: 7_500, message: 'gamma_dollar 8,000 crossed crit 7,500', createdAt: '2026-12-02T00:00:00Z', acknowledgedAt: null, acknowledgedBy: null,
}

const scenario: ScenarioView = {
  accountId: 'paper', scope: 'account', scopeId: 'paper', current: greeks(50_000).account.greeks,
  scenarios: Object.fromEntries([1, -1, 2, -2, 5, -5].map((x) => {
    const shock = `${x > 0 ? '+' : ''}${x}%`
    return [shock, {
      shock, shockPct: x, pnlFromDelta: 500 * x, pnlFromGamma: 0.4 * x * x, pnlImpact: 500 * x + 0.4 * x * x, deltaChange: 80 * x,
      newDollarDelta: 50_000 + 80 * x, breachLevel: x === 5 ? 'warn' : 'none',
    }]
  })),
}

function routes(more: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /api/portfolio/accounts': ok([{ id: 'paper' }]),
    'GET /api/greeks/accounts/paper': ok(greeks(50_000)),
    'GET /api/greeks/accounts/paper/limits': ok(limits),
    'GET /api/greeks/accounts/paper/history?window=1h': ok({ accountId: 'paper', scope: 'account', scopeId: 'paper', window: '1h', bucket: '30s', points: [
      { time: '2026-12-02T00:00:00Z', greeks: greeks(40_000).account.greeks, coveragePct: 100, pointCount: 1 },
      { time: '2026-12-02T00:00:30Z', greeks: greeks(50_000).account.greeks, coveragePct: 100, pointCount: 1 },
    ] }),
    'GET /api/greeks/accounts/paper/alerts?acknowledged=false': ok([alert]),
    'GET /api/greeks/accounts/paper/scenario?shocks=1%2C2%2C5': ok(scenario),
    ...more,
  }
}

test('dollar Greeks show as cards coloured by their use of the limits, with the strategy, underlying and position tables', async () => {
  serve(routes())
  await renderAt('/greeks')
  const delta = screen.getByTestId('greek-dollarDelta')
  // The first render loads recharts: slow on two shared cores.
  await vi.waitFor(() => expect(within(delta).getByTestId('value')).toHaveTextContent('$50,000'), { timeout: 15_000 })
  await vi.waitFor(() => expect(within(delta).getByTestId('utilisation')).toHaveTextContent('25.0% of hard'), { timeout: 5_000 })
  expect(delta).toHaveAttribute('data-level', 'normal')
  expect(within(delta).getByRole('meter')).toHaveAttribute('aria-valuenow', '25')

  // Gamma 8,000 is past crit (7,500) but under hard (10,000): orange, 80 %.
  const gamma = screen.getByTestId('greek-gammaDollar')
  expect(gamma).toHaveAttribute('data-level', 'crit')
  expect(within(gamma).getByTestId('utilisation')).toHaveTextContent('80.0% of hard')
  expect(within(gamma).getByTestId('bar').className).toContain('orange')
  expect(screen.getByTestId('greek-thetaPerDay')).toHaveAttribute('data-level', 'normal')

  expect(screen.getByTestId('strategy-greeks-opt-1')).toHaveTextContent('$40,000')
  expect(screen.getByTestId('strategy-greeks-_unassigned_')).toHaveTextContent('manual')
  expect(screen.getByTestId('underlying-greeks-XYZ')).toHaveTextContent('$50,000')
  const option = screen.getByTestId('position-greeks-XYZ270115C00100000')
  expect(option).toHaveTextContent('$60,000')
  expect(option).toHaveTextContent('30.0%')
  expect(within(screen.getByTestId('position-greeks-NOQUOTE')).getByTestId('warning')).toHaveTextContent('No quote for NOQUOTE.')
  expect(await screen.findByTestId('scenario-+5%')).toHaveTextContent('warn')
  expect(screen.getByTestId('scenario--2%')).toHaveTextContent('-$998')
  expect(screen.getByTestId('history-chart')).toHaveAttribute('data-points', '2')
})

test('a Greeks push on greeks:updates replaces the account\'s figures; another account\'s push is ignored', async () => {
  serve(routes())
  await renderAt('/greeks')
  const value = within(screen.getByTestId('greek-dollarDelta')).getByTestId('value')
  await vi.waitFor(() => expect(value).toHaveTextContent('$50,000'), { timeout: 15_000 })
  await vi.waitFor(() => expect(fakeLive().subscribed(channels.greeks)).toBe(true))
  fakeLive().emit(channels.greeks, { ...greeks(175_000), accountId: 'other' })
  fakeLive().emit(channels.greeks, greeks(175_000))
  await vi.waitFor(() => expect(value).toHaveTextContent('$175,000'))
  expect(screen.getByTestId('greek-dollarDelta')).toHaveAttribute('data-level', 'crit')
})

test('an admin edits a limit: a bad level shows the service\'s ProblemDetails under the field, a good one is saved', async () => {
  let answer: { status: number; body: unknown } = {
    status: 400,
    body: { title: 'One or more validation errors occurred.', status: 400, errors: { 'dollarDelta.crit': ['The crit level must be above the warn level (100000).'] } },
  }
  const calls = serve(routes({ 'PUT /api/greeks/accounts/paper/limits': () => answer }))
  await renderAt('/greeks')
  await userEvent.click(await screen.findByTestId('limits-edit'))
  const crit = screen.getByLabelText('Dollar delta crit')
  await userEvent.clear(crit)
  await userEvent.type(crit, '90000')
  await userEvent.click(screen.getByTestId('limits-save'))
  expect(await screen.findByTestId('limits-error-dollarDelta.crit')).toHaveTextContent('The crit level must be above the warn level (100000).')
  expect(screen.getByTestId('limits-message')).toHaveTextContent('The crit level must be above the warn level')
  expect(calls.find((c) => c.key === 'PUT /api/greeks/accounts/paper/limits')?.body).toEqual({
    ...limits.limits, dollarDelta: { warn: 100_000, crit: 90_000, hard: 200_000 },
  })

  const saved = { ...limits, isDefault: false, updatedBy: 'admin', updatedAt: '2026-12-02T00:01:00Z',
    limits: { ...limits.limits, dollarDelta: { warn: 100_000, crit: 160_000, hard: 200_000 } } }
  answer = { status: 200, body: saved }
  await userEvent.clear(crit)
  await userEvent.type(crit, '160000')
  await userEvent.click(screen.getByTestId('limits-save'))
  expect(await screen.findByTestId('limits-message')).toHaveTextContent('Limits saved.')
  expect(screen.getByTestId('limits-dollarDelta')).toHaveTextContent('$160,000')
  expect(screen.getByTestId('greeks-limits')).toHaveTextContent('set by admin')
})

test('an admin acknowledges an alert; a bad shock shows the service\'s message', async () => {
  const calls = serve(routes({
    [`POST /api/greeks/alerts/${alert.alertId}/acknowledge`]: ok({ ...alert, acknowledgedAt: '2026-12-02T00:02:00Z', acknowledgedBy: 'admin' }),
    'GET /api/greeks/accounts/paper/scenario?shocks=80': () => ({
      status: 400, body: { title: 'One or more validation errors occurred.', status: 400, errors: { shocks: ['Shocks are percentages in (0, 50].'] } },
    }),
  }))
  await renderAt('/greeks')
  const item = await screen.findByTestId(`alert-${alert.alertId}`)
  expect(item).toHaveTextContent('crit')
  expect(item).toHaveTextContent('gamma_dollar 8,000 crossed crit 7,500')
  await userEvent.click(within(item).getByTestId('acknowledge'))
  await vi.waitFor(() => expect(calls.map((c) => c.key)).toContain(`POST /api/greeks/alerts/${alert.alertId}/acknowledge`))

  const shocks = screen.getByLabelText('Underlyings move by ± (%)')
  await userEvent.clear(shocks)
  await userEvent.type(shocks, '80')
  await userEvent.click(screen.getByTestId('scenario-run'))
  expect(await screen.findByTestId('scenario-error')).toHaveTextContent('Shocks are percentages in (0, 50].')
})

test('a viewer sees the Greeks but cannot edit limits or acknowledge alerts', async () => {
  saveSession({ token: 't', user: 'viewer', roles: ['viewer'], expiresAt: Date.now() + 3_600_000 })
  serve(routes())
  await renderAt('/greeks')
  const item = await screen.findByTestId(`alert-${alert.alertId}`)
  expect(within(item).getByTestId('acknowledge')).toBeDisabled()
  await vi.waitFor(() => expect(screen.getByTestId('limits-dollarDelta')).toHaveTextContent('$200,000'), { timeout: 15_000 })
  expect(screen.getByTestId('limits-edit')).toBeDisabled()
  expect(screen.getByTestId('limits-edit')).toHaveAttribute('title', 'An admin can edit limits')
})
