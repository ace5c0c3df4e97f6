import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { saveSession } from '../api/auth'
import type { Discrepancy, ReconciliationRun } from '../api/opsTypes'
import { renderAt, serve } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const runRecord = (patch: Partial<ReconciliationRun>): ReconciliationRun => ({
  id: 'r1', accountId: 'paper', trigger: 'periodic', startedAt: '2026-01-01T10:00:00Z', completedAt: '2026-01-01T10:00:01Z', isClean: true,
  discrepancyCount: 0, positionsChecked: 4, durationMs: 850, error: null, discrepancies: [], ...patch,
})

const discrepancy = (patch: Partial<Discrepancy>): Discrepancy => ({
  id: 'd1', accountId: 'paper', key: 'quantity_mismatch:AAPL', type: 'quantity_mismatch', severity: 'critical', symbol: 'AAPL', orderId: null,
  localValue: 10, brokerValue: 12, message: 'AAPL: we hold 10, the broker 12', status: 'open', firstRunId: 'r0', lastRunId: 'r0',
  firstSeenAt: '2026-01-01T09:00:00Z', lastSeenAt: '2026-01-01T09:05:00Z', occurrences: 2, resolvedAt: null, resolvedBy: null, resolutionNote: null, ...patch,
})

const open = [discrepancy({}), discrepancy({ id: 'd2', type: 'cash_mismatch', severity: 'warning', symbol: null }), discrepancy({ id: 'd3', type: 'cost_mismatch', severity: 'info' })]

test('Run now reconciles and shows each account\'s outcome; discrepancies are coloured by severity', async () => {
  const runs = [runRecord({})]
  const manual = runRecord({ id: 'r2', trigger: 'manual', isClean: false, discrepancyCount: 1, positionsChecked: 5,
    discrepancies: [{ discrepancyId: 'd1', type: 'quantity_mismatch', severity: 'critical', symbol: 'AAPL', orderId: null, localValue: 10, brokerValue: 12, message: 'AAPL: 10 vs 12' }] })
  const calls = serve({
    'GET /api/reconciliation/runs?limit=25': () => ({ status: 200, body: runs }),
    'GET /api/reconciliation/discrepancies?status=open&limit=200': () => ({ status: 200, body: open }),
    'POST /api/reconciliation/runs': () => {
      runs.unshift(manual)
      return { status: 200, body: [manual] }
    },
  })
  await renderAt('/reconciliation')
  expect(within(await screen.findByTestId('discrepancy-d1')).getByTestId('severity')).toHaveClass('bg-red-600')
  expect(within(screen.getByTestId('discrepancy-d2')).getByTestId('severity')).toHaveClass('bg-amber-500')
  expect(within(screen.getByTestId('discrepancy-d3')).getByTestId('severity')).toHaveClass('bg-sky-700')
  expect(await screen.findByTestId('run-r1')).toHaveAttribute('data-outcome', 'clean')

  await userEvent.click(screen.getByTestId('run-now'))
  expect(await screen.findByTestId('run-result-paper')).toHaveTextContent('paper: 1 discrepancy · 5 positions checked in 850 ms')
  expect(calls.find((c) => c.key === 'POST /api/reconciliation/runs')?.body).toEqual({})
  const fresh = await screen.findByTestId('run-r2')
  expect(fresh).toHaveAttribute('data-outcome', 'discrepancies')
  await userEvent.click(within(fresh).getByRole('button', { name: 'Details' }))
  expect(screen.getByText('AAPL: 10 vs 12')).toBeInTheDocument()
})

test('Resolve asks for a note and sends it; a conflict shows the API\'s message', async () => {
  let resolved = false
  const calls = serve({
    'GET /api/reconciliation/runs?limit=25': () => ({ status: 200, body: [] }),
    'GET /api/reconciliation/discrepancies?status=open&limit=200': () => ({ status: 200, body: resolved ? open.slice(1) : open }),
    'GET /api/reconciliation/discrepancies?status=open&severity=critical&limit=200': () => ({ status: 200, body: resolved ? [] : [open[0]] }),
    'POST /api/reconciliation/discrepancies/d1/resolve': () => {
      resolved = true
      return { status: 200, body: { discrepancy: discrepancy({ status: 'resolved', resolvedBy: 'admin', resolutionNote: 'broker fill booked late' }), tradingResumed: true } }
    },
    'POST /api/reconciliation/discrepancies/d2/resolve': () => ({ status: 409, body: { title: 'Conflict', detail: 'Discrepancy d2 was already resolved.' } }),
  })
  await renderAt('/reconciliation')
  await userEvent.selectOptions(await screen.findByLabelText('Severity'), 'critical')
  await waitFor(() => expect(screen.queryByTestId('discrepancy-d2')).not.toBeInTheDocument())
  await userEvent.click(within(screen.getByTestId('discrepancy-d1')).getByTestId('resolve'))
  await userEvent.type(screen.getByLabelText('Resolution note (audited)'), 'broker fill booked late')
  await userEvent.click(screen.getByTestId('resolve-confirm'))
  expect(await screen.findByTestId('resolve-result')).toHaveTextContent('Resolved quantity_mismatch AAPL on paper; trading resumed')
  await waitFor(() => expect(screen.queryByTestId('discrepancy-d1')).not.toBeInTheDocument())
  expect(screen.getByTestId('resolve-result')).toBeInTheDocument()
  expect(calls.find((c) => c.key === 'POST /api/reconciliation/discrepancies/d1/resolve')?.body).toEqual({ note: 'broker fill booked late' })

  await userEvent.selectOptions(screen.getByLabelText('Severity'), '')
  await userEvent.click(within(await screen.findByTestId('discrepancy-d2')).getByTestId('resolve'))
  await userEvent.click(screen.getByTestId('resolve-confirm'))
  expect(await screen.findByRole('alert')).toHaveTextContent('Discrepancy d2 was already resolved.')
  expect(calls.find((c) => c.key === 'POST /api/reconciliation/discrepancies/d2/resolve')?.body).toEqual({ note: null })
})

test('a viewer sees Run now and Resolve disabled', async () => {
  saveSession({ token: 't', user: 'viewer', roles: ['viewer'], expiresAt: Date.now() + 3_600_000 })
  serve({
    'GET /api/reconciliation/runs?limit=25': () => ({ status: 200, body: [runRecord({})] }),
    'GET /api/reconciliation/discrepancies?status=open&limit=200': () => ({ status: 200, body: open }),
  })
  await renderAt('/reconciliation')
  const resolve = within(await screen.findByTestId('discrepancy-d1')).getByTestId('resolve')
  expect(resolve).toBeDisabled()
  expect(resolve).toHaveAttribute('title', 'Only an admin can resolve discrepancies')
  expect(screen.getByTestId('run-now')).toBeDisabled()
})
