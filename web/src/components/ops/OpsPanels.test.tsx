import { render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { QueryClientProvider } from '@tanstack/react-query'
import { createQueryClient } from '../../api/client'
import { serve } from '../../test/serve'
import { ComponentHealthPanel } from './ComponentHealthPanel'
import { LatestReconciliationPanel } from './LatestReconciliationPanel'
import { RecentAlertsPanel } from './RecentAlertsPanel'

afterEach(() => vi.unstubAllGlobals())

const show = (node: React.ReactNode) => render(
  <QueryClientProvider client={createQueryClient()}><MemoryRouter>{node}</MemoryRouter></QueryClientProvider>,
)

const run = (id: string, accountId: string, isClean: boolean, discrepancyCount: number) => ({
  id, accountId, trigger: 'periodic', startedAt: '2026-01-01T10:00:00Z', completedAt: '2026-01-01T10:00:01Z', isClean, discrepancyCount,
  positionsChecked: 3, durationMs: 100, error: null, discrepancies: [],
})

test('the latest reconciliation shows each account\'s newest run only', async () => {
  serve({
    'GET /api/reconciliation/runs?limit=10': () => ({ status: 200, body: [run('r3', 'paper', false, 2), run('r2', 'alpaca', true, 0), run('r1', 'paper', true, 0)] }),
  })
  show(<LatestReconciliationPanel />)
  const paper = await screen.findByTestId('latest-run-paper')
  expect(within(paper).getByTestId('run-outcome')).toHaveTextContent('2 discrepancies')
  expect(within(screen.getByTestId('latest-run-alpaca')).getByTestId('run-outcome')).toHaveAttribute('data-outcome', 'clean')
  expect(screen.getAllByTestId(/^latest-run-/)).toHaveLength(2)
})

test('recent alerts list the newest with their severity and count the unacknowledged', async () => {
  const alert = (id: string, severity: number, acknowledgedAt: string | null) => ({
    id, type: 't', severity, fingerprint: 'f', dedupeKey: 'k', summary: `alert ${id}`, details: '{}', accountId: null, symbol: null, strategyId: null,
    suppressedCount: 0, occurredAt: '2026-01-01T10:00:00Z', createdAt: '2026-01-01T10:00:00Z', acknowledgedAt, acknowledgedBy: acknowledgedAt && 'admin',
  })
  serve({
    'GET /api/alerts?offset=0&limit=6': () => ({ status: 200, body: { alerts: [alert('a2', 1, null), alert('a1', 3, '2026-01-01T10:01:00Z')], total: 2, offset: 0, limit: 6 } }),
  })
  show(<RecentAlertsPanel />)
  expect(within(await screen.findByTestId('recent-alert-a2')).getByTestId('severity')).toHaveTextContent('SEV1')
  expect(screen.getByTestId('recent-alerts')).toHaveTextContent('1 unacknowledged')
})

test('component health shows each component\'s status, why a down one failed, and the overall status', async () => {
  const component = (name: string, status: string, message: string | null, consecutiveFailures = 0) => ({
    component: name, status, since: '2026-01-01T10:00:00Z', lastCheck: '2026-01-01T10:05:00Z', latencyMs: status === 'down' ? 0.4 : 1.25,
    consecutiveFailures, message, alerted: status === 'down',
  })
  serve({
    'GET /api/health': () => ({
      status: 200,
      body: {
        overall: 'degraded', checkedAt: '2026-01-01T10:05:00Z', intervalSeconds: 10,
        components: [component('redis', 'down', 'It was not possible to connect to the redis server(s).', 3), component('risk', 'healthy', null, 1)],
      },
    }),
  })
  show(<ComponentHealthPanel />)
  const redis = await screen.findByTestId('health-redis')
  expect(within(redis).getByTestId('health-status')).toHaveAttribute('data-status', 'down')
  expect(redis).toHaveTextContent('not possible to connect')
  expect(within(screen.getByTestId('health-risk')).getByTestId('health-status')).toHaveTextContent('healthy')
  expect(screen.getByTestId('health-risk')).toHaveTextContent('1 failed probe')
  expect(screen.getByTestId('health-overall')).toHaveTextContent('degraded')
  expect(screen.getByTestId('health-risk')).toHaveTextContent('1.3 ms')
})
