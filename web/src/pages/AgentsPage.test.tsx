import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { saveSession } from '../api/auth'
import type { AgentRun } from '../api/opsTypes'
import { renderAt, serve } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const run = (patch: Partial<AgentRun>): AgentRun => ({
  id: '11111111-2222-3333-4444-555555555555', role: 'risk_controller', task: 'set the bias', context: { symbol: 'SPY' }, trigger: 'api',
  status: 'succeeded', success: true, result: { bias: 0.8, riskLevel: 'normal' }, summary: 'bias 0.80', error: null,
  toolCalls: [
    { id: 1, tool: 'portfolio.snapshot', args: { accountId: 'paper' }, allowed: true, requirement: 'read portfolio', ok: true, error: null, at: '2026-01-01T00:00:01Z', durationMs: 12 },
    { id: 2, tool: 'backtest.run', args: {}, allowed: false, requirement: 'execute backtest', ok: false, error: 'permission_denied: risk_controller may not execute backtest', at: '2026-01-01T00:00:02Z', durationMs: 0 },
  ],
  sandbox: null, exitCode: 0, createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:00:03Z', durationMs: 3100,
  ...patch,
})

const matrix = {
  roles: [
    { role: 'researcher', reads: ['market'], executes: ['backtest'], writes: [], tools: ['market.bars', 'backtest.run'] },
    { role: 'risk_controller', reads: ['market', 'portfolio'], executes: [], writes: ['risk_bias'], tools: ['market.bars', 'portfolio.snapshot', 'redis.write'] },
  ],
  tools: ['market.bars', 'portfolio.snapshot', 'backtest.run', 'redis.write'],
}

const routes = (extra = {}) => ({
  'GET /api/agents/permissions': () => ({ status: 200, body: matrix }),
  'GET /api/agents/runs?limit=20': () => ({ status: 200, body: { items: [run({})], nextCursor: null } }),
  ...extra,
})

test('the context is checked as a JSON object before anything is sent; a valid one queues the run', async () => {
  const calls = serve(routes({
    'POST /api/agents/invoke': () => ({ status: 202, body: run({ id: '99999999-0000-0000-0000-000000000000', status: 'queued', result: null, toolCalls: [] }) }),
  }))
  await renderAt('/agents')
  const form = screen.getByRole('form', { name: 'Invoke an agent' })
  await userEvent.type(within(form).getByLabelText('Task'), 'assess drawdown')
  const context = within(form).getByLabelText('Context (JSON object)')
  await userEvent.clear(context)
  await userEvent.type(context, '{{"symbol": SPY}')
  await userEvent.click(screen.getByTestId('invoke-submit'))
  expect(screen.getByTestId('invoke-error-context')).toHaveTextContent(/^Context is not valid JSON/)
  expect(context).toHaveAttribute('aria-invalid', 'true')

  await userEvent.clear(context)
  await userEvent.type(context, '[[1]')
  await userEvent.click(screen.getByTestId('invoke-submit'))
  expect(screen.getByTestId('invoke-error-context')).toHaveTextContent('Context must be a JSON object')
  expect(calls.some((c) => c.key === 'POST /api/agents/invoke')).toBe(false)

  await userEvent.clear(context)
  await userEvent.type(context, '{{"symbol": "QQQ"}')
  await userEvent.click(screen.getByTestId('invoke-submit'))
  expect(await screen.findByTestId('invoke-result')).toHaveTextContent('Queued risk_controller run 99999999')
  expect(screen.queryByTestId('invoke-error-context')).not.toBeInTheDocument()
  expect(calls.find((c) => c.key === 'POST /api/agents/invoke')?.body).toEqual({ role: 'risk_controller', task: 'assess drawdown', context: { symbol: 'QQQ' } })
})

test('the service\'s validation errors show beside their fields', async () => {
  serve(routes({
    'POST /api/agents/invoke': () => ({ status: 400, body: { title: 'One or more validation errors occurred.', errors: { task: ['task is required and at most 500 characters.'] } } }),
  }))
  await renderAt('/agents')
  await userEvent.type(screen.getByLabelText('Task'), 'x')
  await userEvent.click(screen.getByTestId('invoke-submit'))
  expect(await screen.findByTestId('invoke-error-task')).toHaveTextContent('task is required and at most 500 characters.')
  expect(screen.getByTestId('invoke-result')).toHaveTextContent('task is required')
})

test('runs show their status; details expand to the result and every tool call, denied ones marked', async () => {
  serve(routes())
  await renderAt('/agents')
  const row = await screen.findByTestId('agent-run-11111111-2222-3333-4444-555555555555')
  expect(within(row).getByTestId('run-status')).toHaveTextContent('succeeded')
  expect(row).toHaveTextContent('(1 denied)')
  expect(screen.queryByTestId('run-details')).not.toBeInTheDocument()
  await userEvent.click(within(row).getByRole('button', { name: 'Details' }))
  const details = screen.getByTestId('run-details')
  expect(details).toHaveTextContent('"riskLevel": "normal"')
  const calls = within(details).getAllByTestId('tool-call')
  expect(calls).toHaveLength(2)
  expect(calls[0]).toHaveAttribute('data-allowed', 'true')
  expect(calls[1]).toHaveAttribute('data-allowed', 'false')
  expect(calls[1]).toHaveTextContent('permission_denied')
})

test('the permission matrix marks each role\'s tools, and a viewer cannot invoke', async () => {
  saveSession({ token: 't', user: 'viewer', roles: ['viewer'], expiresAt: Date.now() + 3_600_000 })
  serve(routes())
  await renderAt('/agents')
  const backtest = await screen.findByTestId('permission-backtest.run')
  expect(within(backtest).getAllByLabelText('allowed')).toHaveLength(1)
  expect(backtest.querySelector('[data-role=researcher]')).toHaveTextContent('✓')
  expect(backtest.querySelector('[data-role=risk_controller]')).toHaveTextContent('—')
  expect(screen.getByTestId('permission-resources')).toHaveTextContent('risk_bias')
  await waitFor(() => expect(screen.getByTestId('invoke-submit')).toBeDisabled())
  expect(screen.getByTestId('invoke-submit')).toHaveAttribute('title', 'Only an admin can invoke agents')
})
